// errorspec's permanent URLs: codes/#<platform>/<code>, codes/#<code> and codes/#<name> (a code's
// name in an SDK, kJMSGErrorSDKUserNotLogin) lead to the code's row, or, for a code on several
// platforms (a name of several codes), to a choice that shows each one's message and description,
// and what to do about it where the spec says.
// A number that is no code gets what the catalogue knows of it: the ranges its digits start with
// and the codes nearest it, as the search says (pasted.py's Catalogue.not_a_code is the rule).
// One page serves every code, so that a catalogue of tens of thousands of codes does not need as
// many files. Everything it shows is made of the pieces of the page's template (resolver.html),
// with the reader's text and the spec's as text, never as markup.
(function () {
  const data = JSON.parse(document.getElementById("errorspec-codes").textContent)
  const main = document.getElementById("errorspec-result")
  const pieces = document.getElementById("errorspec-pieces").content
  const built = [...main.childNodes].map(node => node.cloneNode(true))  // what codes/ alone shows
  const platforms = () => built.find(node => node.matches?.("[data-errorspec-platforms]")).cloneNode(true)
  const NAME = /^[A-Za-z_$][\w$.]*$/
  const SHOWN = 80  // characters of a hash shown back: a URL may be 100 KB long

  // Codes stay text: a number would lose the last digits of a long one. A platform of many codes
  // is split into parts: data.codes[platform] lists each part's codes, data.pages[platform] its page.
  const parts = new Map()   // "<platform>/<code>" -> the part that holds it
  const having = new Map()  // a code -> the platforms that have it, in order
  for (const [platform, lists] of Object.entries(data.codes))
    lists.forEach((codes, part) => {
      for (const code of codes ? codes.split(" ") : []) {
        parts.set(`${platform}/${code}`, part)
        having.set(code, [...having.get(code) || [], platform])
      }
    })
  // data.names[platform]: [code, name, the title of the name's SDK where it is another platform's].
  const names = new Map()   // "<platform>/<code>" -> its names, as [name, SDK]
  const named = new Map()   // a name, in lower case -> the "<platform>/<code>"s it names
  for (const [platform, list] of Object.entries(data.names))
    for (const [code, name, sdk] of list) {
      const key = `${platform}/${code}`
      names.set(key, [...names.get(key) || [], [name, sdk]])
      const codes = named.get(name.toLowerCase()) || new Set()
      named.set(name.toLowerCase(), codes.add(key))
    }
  let ascending = null  // every code as a BigInt, in order: made the first time a number is no code

  // The data's objects are keyed by platform and code; a hash names any key it likes
  // (#constructor/0), and only the data's own keys are platforms.
  const own = (object, key) => (Object.hasOwn(object, key) ? object[key] : undefined)

  // The hash as the reader typed it where it is not valid percent-encoding (#%E0%A4%A, #%).
  function decoded(text) {
    try {
      return decodeURIComponent(text)
    } catch (error) {
      return text
    }
  }

  function shortened(text) {
    return text.length > SHOWN ? `${text.slice(0, SHOWN).replace(/[\uD800-\uDBFF]$/, "")}…` : text
  }

  function piece(name) {
    const element = pieces.querySelector(`[data-piece="${name}"]`).cloneNode(true)
    element.removeAttribute("data-piece")
    return element
  }

  const slot = (element, name) => element.querySelector(`[data-slot="${name}"]`)

  // A sentence of data.text with its {names} filled, each with text or an element, in a piece of
  // the `kind` given (a heading, a sentence).
  function sentence(kind, text, values) {
    const element = piece(kind)
    for (const part of text.split(/(\{\w+\})/)) {
      const name = /^\{(\w+)\}$/.exec(part)
      const value = name && Object.hasOwn(values, name[1]) ? values[name[1]] : part
      element.append(value)
    }
    return element
  }

  // A description as site.py's `described` gives it: [text] in the page's language, or
  // [text, its language, the marker that says so].
  function description([text, lang, marker]) {
    if (lang === undefined) {
      const element = piece("description")
      element.textContent = text
      return element
    }
    const element = piece("fallback")
    slot(element, "text").textContent = text
    slot(element, "text").lang = lang
    slot(element, "marker").textContent = marker
    return element
  }

  function row(key) {
    const [platform, code] = key.split("/")
    const anchor = own(own(data.anchors, platform) || {}, code) || code
    return `${data.pages[platform][parts.get(key)]}#${anchor}`
  }

  function choice(key) {
    const [platform, code] = key.split("/")
    const item = piece("choice")
    const link = slot(item, "link")
    link.textContent = `${data.titles[platform]} ${code}`
    link.href = row(key)
    for (const [name, sdk] of names.get(key) || []) {
      const shown = piece("name")
      slot(shown, "name").textContent = name
      if (sdk)
        slot(shown, "sdk").textContent = `${sdk}:`
      else
        slot(shown, "sdk").remove()
      slot(item, "names").append(shown)
    }
    const about = own(data.about, key)  // only for codes offered beside others
    if (about) {
      const [message, ...described] = about
      const shown = piece(message ? "message" : "no-message")
      if (message)
        shown.textContent = message
      slot(item, "about").append(shown, ...(described.length ? [" ", description(described)] : []))
    } else {
      slot(item, "about").remove()
    }
    const todo = own(data.todo, key)
    if (todo && pieces.querySelector('[data-piece="todo"]'))  // an override of the page may leave it out
      item.append(whatToDo(todo))
    return item
  }

  // What to do about a code offered (site.py's what_to_do_said): its causes, solutions and
  // example, each [] where the spec has none, else as `description` takes it; open, since the
  // reader is choosing which of these codes is theirs.
  function whatToDo(parts) {
    const element = piece("todo")
    ;["causes", "solutions", "example"].forEach((name, index) => {
      const [text, lang, marker] = parts[index]
      const said = slot(element, name)
      if (text === undefined) {
        slot(element, `${name}-term`).remove()
        said.remove()
        return
      }
      slot(said, "text").textContent = text
      if (lang === undefined) {
        slot(said, "marker").remove()
        return
      }
      said.classList.add("errorspec-fallback")
      slot(said, "text").lang = lang
      slot(said, "marker").textContent = marker
    })
    return element
  }

  function choices(keys) {
    const list = piece("choices")
    list.append(...keys.map(choice))
    return list
  }

  function show(heading, ...blocks) {
    main.replaceChildren(heading, ...blocks)
  }

  // The codes nearest a number, by absolute difference, the lower of two as near, in ascending
  // order: as pasted.py's Catalogue.not_a_code gives them.
  function nearest(number) {
    ascending = ascending || [...having.keys()].map(BigInt).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    let above = 0
    for (let high = ascending.length; above < high;) {
      const middle = (above + high) >> 1
      if (ascending[middle] < number)
        above = middle + 1
      else
        high = middle
    }
    let below = above - 1
    const found = []
    while (found.length < data.nearest && (below >= 0 || above < ascending.length)) {
      if (above < ascending.length && (below < 0 || ascending[above] - number < number - ascending[below]))
        found.push(ascending[above++])
      else
        found.push(ascending[below--])
    }
    return found.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).map(String)
  }

  function notACode(code) {
    const digits = code.replace(/^-/, "")
    const ranges = data.ranges.filter(([, prefix]) => digits.startsWith(prefix))
    const said = ranges.map(([platform, prefix, ...described]) =>
      described.length
        ? sentence("sentence", data.text.rangeDescribed, { platform, prefix, description: description(described) })
        : sentence("sentence", data.text.range, { platform, prefix }))
    const close = nearest(BigInt(code)).flatMap(near => having.get(near).map(platform => `${platform}/${near}`))
    const after = close.length ? [sentence("sentence", data.text.nearest, {}), choices(close)] : []
    show(sentence("heading", data.text.unknown, { number: shortened(code) }), ...said, ...after)
  }

  function resolve() {
    const key = decoded(location.hash.slice(1)).trim()  // a code pasted with a space around it
    const pair = /^([a-z0-9-]+)\/(-?\d+)$/.exec(key)
    const platform = pair && own(data.titles, pair[1]) !== undefined ? pair[1] : null
    const digits = pair ? pair[2] : /^-?\d+$/.test(key) ? key : null
    const code = digits === null ? null : BigInt(digits).toString()  // #007 is code 7, #-0 code 0
    const on = code === null ? [] : having.get(code) || []
    const rows = code === null && NAME.test(key) ? [...named.get(key.toLowerCase()) || []] : []
    if (!key)  // codes/ alone
      main.replaceChildren(...built.map(node => node.cloneNode(true)))
    else if (platform && on.includes(platform))
      location.replace(row(`${platform}/${code}`))
    else if (pair && !platform)  // #constructor/0: no such platform
      show(sentence("heading", data.text.missing, { code: shortened(key) }), platforms())
    else if (platform && on.length)
      show(sentence("heading", data.text.elsewhere, { code, platform: data.titles[platform] }),
        choices(on.map(other => `${other}/${code}`)))
    else if (on.length === 1)
      location.replace(row(`${on[0]}/${code}`))
    else if (on.length > 1)
      show(sentence("heading", data.text.several, { code }), choices(on.map(other => `${other}/${code}`)))
    else if (code !== null)
      notACode(code)
    else if (rows.length === 1)
      location.replace(row(rows[0]))
    else if (rows.length > 1)
      show(sentence("heading", data.text.named, { name: key }), choices(rows))
    else
      show(sentence("heading", data.text.missing, { code: shortened(key) }), platforms())
  }

  addEventListener("hashchange", resolve)
  resolve()
})()
