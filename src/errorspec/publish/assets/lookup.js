// errorspec's code lookup, for a site where errorspec is a guest: the theme's own search box
// keeps the host's pages, and this script adds errorspec's codes beside its results, in a block
// of its own that the theme's re-rendering leaves alone. Typing 871310, or pasting what holds a
// code (a log line, an error object, the code's name in an SDK, its message filled in), shows
// the code first, with what matched; Enter goes straight to its row.
// Theme-agnostic: it knows the search boxes of Material for MkDocs, MkDocs' `mkdocs` and
// `readthedocs` themes, and falls back to any search input.
//
// It uses errorspec's search worker (search-worker.js, Material's worker protocol), started
// only when a reader first focuses or types into a search box: until then it loads nothing and
// changes nothing on the page, and its stylesheet is added when it first shows results. It
// depends on nothing of the theme's search, which may be broken (MkDocs' lunr.zh.js throws).
// Text from the worker is HTML it escaped, with <mark> highlights: only text and <mark> are
// taken from it, and its notes are plain text; the query is only ever sent to the worker.
(() => {
  "use strict"

  // Written by errorspec for each site: each language's folder (relative to the site's root),
  // the worker's path in it, and the characters of a query it reads (a log excerpt).
  const SETTINGS = {"roots": {"": "en"}, "worker": "search/errorspec-worker.js", "longest": 20000} /* errorspec:settings */

  if (window.__errorspecLookup)
    return  // the page has it already (a theme that re-runs scripts)
  window.__errorspecLookup = true

  const SETUP = 0, QUERY = 2, RESULT = 3    // the worker's message types (Material's protocol)
  const SHOWN = 10                          // results shown before "N more"
  const NOTE = 300                          // characters of a result's note shown
  const PATIENCE = 1500                     // ms an early Enter waits for its answer
  const BOXES = [
    "input.md-search__input",               // Material for MkDocs
    "#mkdocs-search-query",                 // mkdocs (modal), readthedocs (search.html)
    "#rtd-search-form input[name=q]",       // readthedocs (sidebar)
    "input[type=search]",
    "input[name=q]"
  ].join(", ")
  const TEXTS = {
    en: { label: "Error codes", more: count => `${count} more`, refine: count => `${count} more: refine the search` },
    zh: { label: "错误码", more: count => `还有 ${count} 个`, refine: count => `还有 ${count} 个：请细化搜索` }
  }

  const script = document.currentScript || document.querySelector("script[src*='errorspec/lookup.js']")
  if (!script || !window.Worker || !window.DOMParser)
    return
  const siteRoot = new URL("../../", script.src)

  let worker = null         // errorspec's worker, once a search box has been used
  let workerRoot = null     // the language folder it searches
  let broken = false        // it could not start, or failed: the theme's search is left alone
  let latest = null         // the last query sent: {input, value}
  let answer = null         // the answer to it: {input, value, results, total}
  let waiting = null        // an Enter that came before its answer: {input, value, timer}
  let replaying = false     // an Enter handed back to the theme
  let styled = false
  const blocks = new Map()  // search box -> its block of results
  let counter = 0

  // The page's language folder: the longest root its address starts with.
  function pageRoot() {
    let best = null
    for (const root of Object.keys(SETTINGS.roots))
      if (location.href.startsWith(new URL(root, siteRoot).href) && (best === null || root.length > best.length))
        best = root
    return best ?? ("" in SETTINGS.roots ? "" : Object.keys(SETTINGS.roots)[0] ?? "")
  }

  function texts() {
    const lang = SETTINGS.roots[pageRoot()] || document.documentElement.lang || "en"
    return TEXTS[lang.toLowerCase().split(/[-_]/)[0]] || TEXTS.en
  }

  function isBox(element) {
    return element instanceof HTMLInputElement && element.matches(BOXES)
  }

  // --- the worker -------------------------------------------------------------------------------

  function start() {
    const root = pageRoot()
    if (worker !== null && workerRoot === root)
      return true
    if (broken)
      return false
    if (worker !== null)
      worker.terminate()  // Material's instant navigation went to another language
    worker = null
    // From file:// a worker cannot start; the iframe-worker shim would take over the theme's own
    // worker's messages (it has one window.onmessage), so the lookup stays off there.
    if (location.protocol === "file:") {
      broken = true
      return false
    }
    try {
      worker = new Worker(new URL(root + SETTINGS.worker, siteRoot))
    } catch (error) {
      broken = true
      return false
    }
    workerRoot = root
    latest = answer = null
    worker.addEventListener("message", receive)
    worker.addEventListener("error", fail)
    // No pages: the theme's own search has the host's; errorspec's entries come with the worker.
    worker.postMessage({ type: SETUP, data: { docs: [], config: {} } })
    return true
  }

  function fail() {
    broken = true
    if (worker !== null)
      worker.terminate()
    worker = null
    for (const block of blocks.values())
      block.hidden = true
    if (waiting !== null)
      handBack()
  }

  function clean(value) {
    return value.trim().slice(0, SETTINGS.longest)
  }

  function ask(input) {
    const value = clean(input.value)
    if (!value) {
      latest = { input, value }
      answer = { input, value, results: [], total: 0 }
      hide(input)
      return
    }
    if (!start() || (latest !== null && latest.input === input && latest.value === value))
      return  // no lookup here, or this query has been sent
    latest = { input, value }
    worker.postMessage({ type: QUERY, data: value })
  }

  function receive(event) {
    const message = event.data
    if (!message || message.type !== RESULT || latest === null)
      return
    const data = message.data || {}
    // An answer to an earlier query (the worker names it) is left out: the latest's will come.
    if (typeof data.query === "string" && data.query !== latest.value)
      return
    const items = Array.isArray(data.items) ? data.items : []
    const results = items.map(group => Array.isArray(group) ? group[0] : group).map(entry).filter(Boolean)
    const total = Number.isInteger(data.total) && data.total >= results.length ? data.total : results.length
    answer = { input: latest.input, value: latest.value, results, total }
    render(answer, SHOWN)
    if (waiting !== null && waiting.input === answer.input && waiting.value === answer.value) {
      clearTimeout(waiting.timer)
      const found = answer.results[0]
      if (found && found.exact)
        go(waiting.input)
      else
        handBack()
    }
  }

  // A result the lookup can link to: a page of this site, with its code if it is a code's row.
  function entry(doc) {
    if (!doc || typeof doc.location !== "string")
      return null
    const about = doc.errorspec && typeof doc.errorspec === "object" ? doc.errorspec : {}
    if (about.more)
      return null  // the worker's last result, on how many more there are: `total` says it
    let url
    try {
      url = new URL(doc.location, siteRoot)
    } catch (error) {
      return null
    }
    if (url.protocol !== siteRoot.protocol || url.host !== siteRoot.host)
      return null
    const code = /^#(-?\d+)$/.exec(url.hash)
    return {
      url,
      code: code ? code[1] : null,
      // A code the query holds (by its number, name or message), not one that merely has its words.
      exact: typeof about.reason === "string" && about.reason !== "" && code !== null,
      title: typeof doc.title === "string" ? doc.title : "",
      text: typeof doc.text === "string" ? doc.text : "",
      note: typeof about.note === "string" ? about.note.slice(0, NOTE) : ""
    }
  }

  // --- the block of results ---------------------------------------------------------------------

  // Text and <mark> from the worker's HTML, nothing else (parsed in an inert document, copied).
  const parser = new DOMParser()
  function marked(html) {
    const fragment = document.createDocumentFragment()
    const copy = (from, to) => {
      for (const node of from.childNodes) {
        if (node.nodeType === Node.TEXT_NODE) {
          to.append(node.data)
        } else if (node.nodeType === Node.ELEMENT_NODE) {
          if (node.classList.contains("errorspec-teaser") || /^(script|style|template|noscript)$/.test(node.localName))
            continue  // the teaser is shown from the result's text, on a line of its own
          if (node.localName === "mark") {
            const mark = document.createElement("mark")
            copy(node, mark)
            to.append(mark)
          } else {
            copy(node, to)
          }
        }
      }
    }
    copy(parser.parseFromString(html, "text/html").body, fragment)
    return fragment
  }

  function theme(input) {
    if (input.matches(".md-search__input"))
      return "material"
    if (input.closest(".modal"))
      return "mkdocs"                   // a Bootstrap modal: the mkdocs theme's search dialog
    if (input.closest("#rtd-search-form"))
      return "readthedocs-sidebar"
    if (document.querySelector(".rst-content, .wy-nav-content"))
      return "readthedocs"
    return "generic"
  }

  // Before the theme's results (a sibling, not a child: themes empty their results' element),
  // else after the box's form.
  function place(input, block) {
    const material = input.matches(".md-search__input") &&
      (input.closest(".md-search") || document).querySelector(".md-search-result")
    const mkdocs = input.id === "mkdocs-search-query" && document.getElementById("mkdocs-search-results")
    const results = material || mkdocs
    if (results)
      results.before(block)
    else
      (input.form || input).after(block)
  }

  function blockFor(input, create) {
    let block = blocks.get(input)
    if (block && !block.isConnected) {
      blocks.delete(input)  // the theme replaced the search box's surroundings
      block = undefined
    }
    if (block || !create)
      return block
    block = document.createElement("div")
    block.className = `errorspec-lookup errorspec-lookup--${theme(input)}`
    block.hidden = true
    block.setAttribute("role", "region")
    const label = document.createElement("div")
    label.className = "errorspec-lookup__label"
    label.id = `errorspec-lookup-${++counter}`
    block.setAttribute("aria-labelledby", label.id)
    const list = document.createElement("ol")
    list.className = "errorspec-lookup__list"
    const more = document.createElement("div")
    more.className = "errorspec-lookup__more"
    block.append(label, list, more)
    block.addEventListener("click", clicked)
    place(input, block)
    blocks.set(input, block)
    return block
  }

  function hide(input) {
    const block = blockFor(input, false)
    if (block)
      block.hidden = true
  }

  function render(found, limit) {
    const { input, results, total } = found
    if (!results.some(result => result.code !== null)) {
      hide(input)
      return
    }
    style()
    const block = blockFor(input, true)
    const [label, list, more] = block.children
    const words = texts()
    label.textContent = words.label
    list.textContent = ""
    for (const result of results.slice(0, limit)) {
      const link = document.createElement("a")
      link.className = "errorspec-lookup__link"
      link.href = result.url.href
      if (result.exact)
        link.dataset.errorspecExact = result.code
      const title = document.createElement("span")
      title.className = "errorspec-lookup__title"
      title.append(marked(result.title))
      link.append(title)
      if (result.note) {
        const note = document.createElement("span")
        note.className = "errorspec-lookup__note"
        note.textContent = result.note
        link.append(note)
      }
      const teaser = marked(result.text)
      if (teaser.textContent.trim()) {
        const line = document.createElement("span")
        line.className = "errorspec-lookup__teaser"
        line.append(teaser)
        link.append(line)
      }
      const item = document.createElement("li")
      item.className = "errorspec-lookup__item"
      item.append(link)
      list.append(item)
    }
    more.textContent = ""
    const shown = Math.min(limit, results.length)
    if (results.length > shown) {
      const button = document.createElement("button")
      button.type = "button"
      button.textContent = words.more(total - shown)
      button.addEventListener("click", () => {
        render(found, results.length)
        const next = list.children[shown]
        if (next)
          next.firstElementChild.focus()
      })
      more.append(button)
    } else if (total > shown) {
      more.textContent = words.refine(total - shown)
    }
    more.hidden = !more.firstChild
    block.hidden = false
  }

  // --- going to a code --------------------------------------------------------------------------

  function go(input) {
    waiting = null
    const block = blockFor(input, false)
    const link = block && block.querySelector("a[data-errorspec-exact]")
    if (link)
      link.click()  // as a reader's click: the theme closes its search on it
    else if (answer !== null && answer.results[0])
      location.assign(answer.results[0].url.href)
  }

  // The code had no exact answer in time: the Enter is the theme's after all.
  function handBack() {
    const { input } = waiting
    clearTimeout(waiting.timer)
    waiting = null
    replaying = true
    let handled
    try {
      handled = !input.dispatchEvent(new KeyboardEvent("keydown", {
        key: "Enter", code: "Enter", keyCode: 13, which: 13, bubbles: true, cancelable: true
      }))
    } finally {
      replaying = false
    }
    // A form that goes somewhere (readthedocs' search.html) is submitted, as Enter would have.
    if (!handled && input.form && input.form.hasAttribute("action") && input.isConnected) {
      if (input.form.requestSubmit)
        input.form.requestSubmit()
      else
        input.form.submit()
    }
  }

  function clicked(event) {
    const link = event.target instanceof Element && event.target.closest("a.errorspec-lookup__link")
    if (!link || event.defaultPrevented || event.button !== 0 ||
        event.metaKey || event.ctrlKey || event.shiftKey || event.altKey)
      return
    const block = event.currentTarget
    const modal = block.closest(".modal")
    if (!modal)
      return  // a link like any other (Material closes its search on a click on a link)
    // The mkdocs theme's search is a Bootstrap modal: close it, as the theme does for its own
    // results. On the same page only the hash changes (the link does that): the row is shown
    // again once the modal has closed and given the focus back.
    const url = new URL(link.href)
    const samePage = url.origin === location.origin && url.pathname === location.pathname &&
      url.search === location.search
    closeModal(modal)
    if (samePage && url.hash)
      whenClosed(modal, () => reveal(url.hash))
  }

  function closeModal(modal) {
    const bootstrap = window.bootstrap
    try {
      if (bootstrap && bootstrap.Modal && bootstrap.Modal.getOrCreateInstance) {
        bootstrap.Modal.getOrCreateInstance(modal).hide()
        return
      }
    } catch (error) {
      // an unknown Bootstrap: try its close button
    }
    const close = modal.querySelector("[data-bs-dismiss='modal'], [data-dismiss='modal']")
    if (close)
      close.click()
  }

  function whenClosed(modal, then) {
    let done = false
    const once = () => {
      if (!done) {
        done = true
        then()
      }
    }
    modal.addEventListener("hidden.bs.modal", once, { once: true })
    const started = Date.now()
    const poll = () => {
      if (done)
        return
      if (getComputedStyle(modal).display === "none" || Date.now() - started > 1000)
        once()
      else
        setTimeout(poll, 50)
    }
    setTimeout(poll, 50)
  }

  function reveal(hash) {
    let id = hash.slice(1)
    try {
      id = decodeURIComponent(id)
    } catch (error) {
      // as it is
    }
    const row = document.getElementById(id)
    if (!row)
      return
    const { top, bottom } = row.getBoundingClientRect()
    if (top < 0 || bottom > innerHeight)
      row.scrollIntoView({ block: "start" })
  }

  // --- the reader's events ----------------------------------------------------------------------

  document.addEventListener("focusin", event => {
    const box = event.target
    if (!isBox(box))
      return
    start()
    if (answer !== null && answer.input === box && answer.value === clean(box.value))
      render(answer, SHOWN)  // back in the box: its results again
    else if (clean(box.value))
      ask(box)
  }, true)

  // Where the block is not inside a search dialog of the theme's (readthedocs' sidebar, other
  // themes), it goes away when the reader goes elsewhere: a pointer down outside it and its box
  // (not a blur: some browsers do not focus a clicked link), or the focus moved out with keys.
  function dismiss(outside) {
    for (const [box, block] of blocks)
      if (!block.hidden && !/--(material|mkdocs)\b/.test(block.className) && outside(box, block))
        block.hidden = true
  }
  document.addEventListener("pointerdown", event => {
    dismiss((box, block) => event.target !== box && !block.contains(event.target))
  }, true)
  document.addEventListener("focusout", event => {
    const next = event.relatedTarget
    if (next instanceof Node)
      dismiss((box, block) => (event.target === box || block.contains(event.target)) &&
        next !== box && !block.contains(next))
  }, true)

  document.addEventListener("input", event => {
    if (isBox(event.target))
      ask(event.target)
  }, true)

  // A form's reset button (Material's ×) empties its boxes without an input event.
  document.addEventListener("reset", event => {
    setTimeout(() => {
      if (latest !== null && latest.input.form === event.target)
        ask(latest.input)
    })
  }, true)

  // In the capture phase, before the theme's own handlers (Material's are on window).
  document.addEventListener("keydown", event => {
    if (replaying || broken || event.isComposing || event.keyCode === 229)
      return
    if (event.metaKey || event.ctrlKey || event.altKey || event.shiftKey)
      return
    const target = event.target
    if (event.key === "Enter" && isBox(target)) {
      const value = clean(target.value)
      if (!value || worker === null)
        return
      const current = answer !== null && answer.input === target && answer.value === value
      if (current) {
        const first = answer.results[0]
        if (first && first.exact) {
          claim(event)
          go(target)
        }
        return
      }
      // Typed or pasted faster than the answer came: the Enter waits for it, a little, to go to
      // the code the text holds, or else to be the theme's.
      claim(event)
      if (waiting !== null)
        clearTimeout(waiting.timer)
      waiting = { input: target, value, timer: setTimeout(handBack, PATIENCE) }
      if (latest === null || latest.input !== target || latest.value !== value)
        ask(target)
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      arrows(event)
    } else if (event.key === "Escape" && isBox(target)) {
      dismiss(box => box === target)  // the themes with a dialog close it on Escape themselves
    }
  }, true)

  function claim(event) {
    event.preventDefault()  // no form submission (readthedocs, the mkdocs theme's modal)
    event.stopPropagation() // nor the theme's own Enter (Material's goes to its best result)
  }

  // Up and down between the box and the block's links; below the last, Material's own
  // handler goes on to its first result.
  function arrows(event) {
    const target = event.target
    let block, box
    if (isBox(target)) {
      box = target
      block = blockFor(target, false)
    } else if (target instanceof Element && target.matches("a.errorspec-lookup__link")) {
      block = target.closest(".errorspec-lookup")
      box = [...blocks].find(([, candidate]) => candidate === block)?.[0]
    }
    if (!block || block.hidden || !box)
      return
    const links = [...block.querySelectorAll("a.errorspec-lookup__link")]
    const index = links.indexOf(target)  // -1: the box
    const down = event.key === "ArrowDown"
    let next
    if (index < 0)
      next = down ? links[0] : null
    else if (down)
      next = links[index + 1] || (block.classList.contains("errorspec-lookup--material") ? null : target)
    else
      next = links[index - 1] || box
    if (next) {
      claim(event)
      next.focus()
    }
  }

  // A search in the address (?q=): the mkdocs theme opens its dialog with it and readthedocs'
  // search.html searches it, each once their own (lunr) search is ready, which may be never.
  function initial() {
    const q = new URLSearchParams(location.search).get("q")
    const box = document.getElementById("mkdocs-search-query")
    if (q && q.trim() && isBox(box)) {
      if (!box.value)
        box.value = q
      ask(box)
      return
    }
    if (isBox(document.activeElement) && clean(document.activeElement.value))
      ask(document.activeElement)  // Material's ?q=, or a box focused before this script ran
  }
  if (document.readyState === "loading")
    document.addEventListener("DOMContentLoaded", initial)
  else
    initial()

  // --- the stylesheet, added when results are first shown -----------------------------------------

  function style() {
    if (styled)
      return
    styled = true
    // A stylesheet the script builds, which a host's Content-Security-Policy lets through (a <style>
    // element would need the policy to allow inline styles).
    const sheet = new CSSStyleSheet()
    sheet.replaceSync(`
.errorspec-lookup[hidden], .errorspec-lookup__more[hidden] { display: none !important; }
.errorspec-lookup { margin: 0 0 .75em; text-align: start; }
.errorspec-lookup__label { font-size: .8em; font-weight: 600; letter-spacing: .03em; opacity: .75; padding: .3em .6em; }
div.errorspec-lookup ol.errorspec-lookup__list { list-style: none; margin: 0; padding: 0; line-height: inherit; }
div.errorspec-lookup .errorspec-lookup__list > .errorspec-lookup__item { margin: 0; padding: 0; list-style: none; }
.errorspec-lookup a.errorspec-lookup__link { display: block; padding: .35em .6em; color: inherit; text-decoration: none; outline-offset: -2px; }
.errorspec-lookup a.errorspec-lookup__link:hover, .errorspec-lookup a.errorspec-lookup__link:focus { background-color: rgba(127, 127, 127, .12); }
.errorspec-lookup__title { display: block; font-weight: 600; overflow-wrap: anywhere; }
.errorspec-lookup__teaser { display: block; font-size: .85em; opacity: .8; overflow-wrap: anywhere; }
.errorspec-lookup__note { display: block; font-size: .85em; font-style: italic; overflow-wrap: anywhere; }
.errorspec-lookup mark { padding: 0; font-style: inherit; }
.errorspec-lookup__more { padding: .35em .6em; font-size: .85em; opacity: .8; }
.errorspec-lookup__more button { padding: 0; border: 0; background: none; color: inherit; font: inherit; text-decoration: underline; cursor: pointer; }

.errorspec-lookup--material { margin: 0; color: var(--md-default-fg-color); }
.errorspec-lookup--material .errorspec-lookup__label { padding: 0 .8rem 0 2.2rem; font-size: .64rem; font-weight: 400; line-height: 1.8rem; letter-spacing: normal; opacity: 1; color: var(--md-default-fg-color--light); background-color: var(--md-default-fg-color--lightest); scroll-snap-align: start; }
.errorspec-lookup--material .errorspec-lookup__item { box-shadow: 0 -.05rem var(--md-default-fg-color--lightest); }
.errorspec-lookup--material .errorspec-lookup__item:first-child { box-shadow: none; }
.errorspec-lookup--material a.errorspec-lookup__link { padding: .45rem .8rem .45rem 2.2rem; scroll-snap-align: start; outline: none; transition: background-color .25s; }
.errorspec-lookup--material a.errorspec-lookup__link:hover, .errorspec-lookup--material a.errorspec-lookup__link:focus { background-color: var(--md-accent-fg-color--transparent); }
.errorspec-lookup--material .errorspec-lookup__title { font-size: .8rem; font-weight: 400; line-height: 1.4; }
.errorspec-lookup--material .errorspec-lookup__teaser { margin-top: .2em; font-size: .64rem; line-height: 1.6; opacity: 1; color: var(--md-default-fg-color--light); }
.errorspec-lookup--material .errorspec-lookup__note { margin-top: .2em; font-size: .64rem; line-height: 1.6; }
.errorspec-lookup--material mark { color: var(--md-accent-fg-color); background-color: transparent; text-decoration: underline; }
.errorspec-lookup--material .errorspec-lookup__more { padding: .4rem .8rem .4rem 2.2rem; font-size: .64rem; opacity: 1; color: var(--md-typeset-a-color); box-shadow: 0 -.05rem var(--md-default-fg-color--lightest); }

.errorspec-lookup--mkdocs { margin-top: .5rem; padding-bottom: .5rem; border-bottom: 1px solid var(--bs-border-color, #dee2e6); }
.errorspec-lookup--mkdocs .errorspec-lookup__label { padding: 0 0 .25rem; color: var(--bs-secondary-color, #6c757d); }
.errorspec-lookup--mkdocs a.errorspec-lookup__link { padding: .4rem .5rem; border-radius: var(--bs-border-radius, .375rem); }
.errorspec-lookup--mkdocs .errorspec-lookup__title { font-weight: 500; color: var(--bs-link-color, #0d6efd); }
.errorspec-lookup--mkdocs a.errorspec-lookup__link:hover, .errorspec-lookup--mkdocs a.errorspec-lookup__link:focus { background-color: var(--bs-tertiary-bg, #f8f9fa); }
.errorspec-lookup--mkdocs .errorspec-lookup__more { padding: .25rem .5rem 0; }

.errorspec-lookup--readthedocs, .errorspec-lookup--readthedocs-sidebar { color: #404040; }
.errorspec-lookup--readthedocs { padding-bottom: .5em; border-bottom: 1px solid #e1e4e5; }
.errorspec-lookup--readthedocs .errorspec-lookup__label, .errorspec-lookup--readthedocs-sidebar .errorspec-lookup__label { color: #808080; text-transform: uppercase; }
.errorspec-lookup--readthedocs .errorspec-lookup__title, .errorspec-lookup--readthedocs-sidebar .errorspec-lookup__title { color: #2980b9; }
.errorspec-lookup--readthedocs-sidebar { margin: .809em 0 0; padding: .2em 0; font-size: 90%; line-height: 1.4; background: #fcfcfc; border-radius: 4px; }
.errorspec-lookup--readthedocs-sidebar .errorspec-lookup__title { font-weight: 700; }

.errorspec-lookup--generic { position: absolute; z-index: 100; width: 24em; max-width: 90vw; max-height: 70vh; overflow: auto; color: CanvasText; background: Canvas; border: 1px solid rgba(127, 127, 127, .4); border-radius: 4px; box-shadow: 0 4px 12px rgba(0, 0, 0, .15); }
`)
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet]
  }
})()
