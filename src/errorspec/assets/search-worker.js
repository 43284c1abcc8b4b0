// errorspec's search worker for Material for MkDocs' search box. It speaks the message protocol
// of Material's own worker (SETUP -> READY, QUERY -> RESULT), so the theme's search UI is kept.
// Why not lunr: a code is a key, found by lookup before any text is scanned; and words are
// matched as substrings of the text, so a Chinese query needs no segmentation (不合法 finds
// 请求参数不合法, which word segmentation indexes as 不|合法 and then misses).
"use strict"

const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3
const LIMIT = 100

let docs = []
let byCode = new Map()

function normalise(text) {
  return text.normalize("NFKC").toLowerCase()
}

function escapeHtml(text) {
  return text.replace(/[&<>"']/g, char => `&#${char.charCodeAt(0)};`)
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
}

function setup(index) {
  docs = index.docs.map(doc => {
    const code = /^(-?\d+)(?:\s|$)/.exec(doc.title)
    return {
      location: doc.location,
      title: doc.title,
      text: doc.text,
      code: code && doc.location.includes("#") ? code[1] : null,
      fallback: Boolean(doc.fallback),
      titleKey: normalise(doc.title),
      textKey: normalise(doc.text)
    }
  })
  byCode = new Map()
  for (const doc of docs)
    if (doc.code !== null)
      byCode.set(doc.code, [...byCode.get(doc.code) || [], doc])
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
    return { items: [] }
  const exact = terms.length === 1 ? byCode.get(terms[0]) || [] : []
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
    items: found.slice(0, LIMIT).map(([value, doc]) => [result(doc, value, pattern, terms)])
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

addEventListener("message", event => {
  const message = event.data
  if (message.type === SETUP) {
    setup(message.data)
    postMessage({ type: READY })
  } else if (message.type === QUERY) {
    postMessage({ type: RESULT, data: search(message.data) })
  }
})
