// errorspec's search worker for Material for MkDocs' search box. It speaks the message protocol
// of Material's own worker (SETUP -> READY, QUERY -> RESULT), so the theme's search UI is kept.
// Why not lunr: a code is a key, found by lookup before any text is scanned; and words are
// matched as substrings of the text, so a Chinese query needs no segmentation (不合法 finds
// 请求参数不合法, which word segmentation indexes as 不|合法 and then misses).
//
// Material's index (sent with SETUP) holds the pages written by hand, in whatever language.
// Each language has a copy of this worker in its search folder, beside what it loads itself, off
// the page's thread: for an exact code, the small file named by its first characters in
// errorspec-codes/ answers at once; errorspec-index.js, an entry per generated page and per
// code, answers words, and a code's names in the SDKs (kJMSGErrorSDKUserNotLogin), once it has
// arrived. Codes stay text throughout: a number would lose the last digits of a long one.
//
// RESULT's data is {items, total, query}: `total` counts every match before the cap of LIMIT,
// `query` is the query answered (Material reads only `items`; errorspec's lookup.js uses all three).
"use strict"

const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3
const LIMIT = 100

let pages = null        // Material's entries, once SETUP has come
let codes = null        // an entry per code, once errorspec-index.js has loaded
let docs = null         // both, searchable
let byCode = new Map()  // a code -> its entries
let byName = new Map()  // a code's name in an SDK, normalised -> the code's entries
let pending = null      // a query that came before the entries it needs
let base = null         // the URL this script was loaded from
// How many leading characters of a code name the file that holds it ("all" for none): as many
// as the catalogue needs for small files, written here by errorspec for each site.
const CODE_PREFIX = 3 /* errorspec:code-prefix */

function normalise(text) {
  return text.normalize("NFKC").toLowerCase()
}

function escapeHtml(text) {
  return text.replace(/[&<>"']/g, char => `&#${char.charCodeAt(0)};`)
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
}

// A code's entry has its names in the SDKs: the title shows them after the message.
function prepare(location, title, text, fallback, names = []) {
  const code = /^(-?\d+)(?:\s|$)/.exec(title)
  const shown = names.length ? `${title} · ${names.join(" · ")}` : title
  return {
    location, title: shown, text,
    code: code && location.includes("#") ? code[1] : null,
    names: names.map(normalise),
    fallback: Boolean(fallback),
    titleKey: normalise(shown),
    textKey: normalise(text)
  }
}

function combine() {
  if (pages === null || codes === null)
    return
  docs = [...pages, ...codes]
  byCode = new Map()
  byName = new Map()
  for (const doc of docs) {
    if (doc.code !== null)
      byCode.set(doc.code, [...byCode.get(doc.code) || [], doc])
    for (const name of doc.names)
      byName.set(name, [...byName.get(name) || [], doc])
  }
  if (pending !== null)
    answer(pending, search(pending))
  pending = null
}

// Under file://, iframe-worker runs this script in an iframe: the page's script element gives
// the base URL, and importScripts returns a promise.
function here() {
  const script = typeof document !== "undefined" && document.querySelector("script[src]")
  return script ? script.src : self.location.href
}

async function loadEntries() {
  // The entries are large: fetched, so that queries keep being answered while they arrive
  // (importScripts would hold the worker); from the file system only importScripts can read.
  const index = new URL("errorspec-index.js", base)
  try {
    let entries
    if (index.protocol === "file:") {
      await importScripts(index.href)
      entries = self.__errorspec_index
    } else {
      const text = await (await fetch(index)).text()
      entries = JSON.parse(text.slice(text.indexOf("=") + 1))
    }
    codes = entries.map(entry => prepare(...entry))
  } catch (error) {
    codes = []
  }
  combine()
}

async function fromCodeFile(query) {
  const code = query.trim()
  if (!/^-?\d+$/.test(code))
    return null
  const prefix = code.slice(0, CODE_PREFIX) || "all"
  try {
    if (!(self.__errorspec_codes && prefix in self.__errorspec_codes))
      await importScripts(new URL(`errorspec-codes/${encodeURIComponent(prefix)}.js`, base).href)
  } catch (error) {
    return null  // no such file: no code starts so
  }
  const shard = self.__errorspec_codes && self.__errorspec_codes[prefix]
  const found = shard && Object.hasOwn(shard.codes, code) ? shard.codes[code] : null
  if (!Array.isArray(found) || !found.length)
    return null
  const pattern = new RegExp(escapeRegExp(code), "giu")
  // A row's id is its code, or `<platform>-<code>` (the third item) where its page has the code twice.
  const items = found.map(([index, message, anchor]) => {
    const [page, title] = shard.platforms[index]
    const doc = prepare(`${page}#${anchor || code}`, `${code} ${message}`, title, false)
    return [result(doc, Infinity, pattern, [code])]
  })
  return { items, total: items.length }
}

function highlight(text, pattern) {
  let html = "", last = 0
  for (const match of text.matchAll(pattern)) {
    html += escapeHtml(text.slice(last, match.index)) + `<mark>${escapeHtml(match[0])}</mark>`
    last = match.index + match[0].length
  }
  return html + escapeHtml(text.slice(last))
}

function score(doc, terms) {
  let total = 0
  for (const term of terms) {
    const inTitle = doc.titleKey.indexOf(term)
    if (inTitle < 0 && doc.textKey.indexOf(term) < 0)
      return 0
    total += inTitle === 0 ? 8 : inTitle > 0 ? 4 : 1
  }
  // Text in the site's language ranks before text shown in another language.
  return doc.fallback ? total : total + 0.5
}

function search(query) {
  const terms = normalise(query).split(/\s+/).filter(Boolean)
  if (!terms.length)
    return { items: [], total: 0 }
  const exact = terms.length === 1 ? byCode.get(terms[0]) || byName.get(terms[0]) || [] : []
  const seen = new Set(exact)
  const found = exact.map(doc => [Infinity, doc])
  for (const doc of docs) {
    if (seen.has(doc))
      continue
    const value = score(doc, terms)
    if (value)
      found.push([doc.code !== null && doc.code.startsWith(terms[0]) ? value + 100 : value, doc])
  }
  found.sort((a, b) => b[0] - a[0])
  const pattern = new RegExp(terms.map(escapeRegExp).join("|"), "giu")
  return {
    items: found.slice(0, LIMIT).map(([value, doc]) => [result(doc, value, pattern, terms)]),
    total: found.length
  }
}

// Material shows a result's text only under a page's heading; a code stands alone, so its
// description goes into its title, as a teaser line of its own.
function result(doc, value, pattern, terms) {
  const text = highlight(doc.text, pattern)
  const title = doc.location.includes("#")
    ? `${highlight(doc.title, pattern)}<span class="errorspec-teaser">${text}</span>`
    : highlight(doc.title, pattern)
  return {
    location: doc.location,
    title,
    text,
    score: value === Infinity ? Number.MAX_SAFE_INTEGER : value,
    terms: Object.fromEntries(terms.map(term => [term, true]))
  }
}

function answer(query, data) {
  postMessage({ type: RESULT, data: { ...data, query } })
}

// A page's entry as Material sends it; anything else is left out rather than stop the search.
function page(doc) {
  if (!doc || typeof doc !== "object")
    return null
  const text = value => typeof value === "string" ? value : value == null ? "" : String(value)
  return prepare(text(doc.location), text(doc.title), text(doc.text), doc.fallback)
}

addEventListener("message", async event => {
  const message = event.data
  if (!message || typeof message !== "object")
    return
  if (message.type === SETUP) {
    const given = message.data && Array.isArray(message.data.docs) ? message.data.docs : []
    pages = given.map(page).filter(Boolean)
    postMessage({ type: READY })
    combine()
  } else if (message.type === QUERY) {
    const query = typeof message.data === "string" ? message.data : String(message.data ?? "")
    try {
      if (docs !== null) {
        answer(query, search(query))
        return
      }
      pending = query
      const early = await fromCodeFile(query)
      if (early && docs === null && pending === query)
        answer(query, early)
    } catch (error) {
      // A query must not go unanswered (the search box would keep showing the previous one's
      // results): before the entries, the query stays pending and is answered once they arrive.
      if (docs !== null)
        answer(query, { items: [], total: 0 })
    }
  }
})

// Ready at once: codes are answered from their files, words once the entries have arrived.
base = here()
postMessage({ type: READY })
loadEntries()
