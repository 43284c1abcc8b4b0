// errorspec's page behaviour: copy controls, and a language switch that keeps the code.

// A code's two copy controls share its permanent URL (codes/#<platform>/<code>, on the site in the
// page's language), made absolute here: the first the URL, the second a Markdown link labelled
// with the code and its message, for an issue tracker or a support reply. Material copies
// [data-clipboard-text] and shows "Copied" in its own words; other themes have no clipboard of
// their own: errorspec copies. Either way errorspec's status line says which link was copied,
// aloud to a screen reader, and in other themes to the eye too.
//
// The page holds each row's texts only; its code becomes a link to the row and gets its controls
// here, once the page has loaded and shows: a page of 500 codes made them all before it showed
// in twice the time a page without them took, and a row given them while the page is read has
// the browser lay the whole table out again. The row landed on gets them first, in the frame
// after the page has loaded; every other row then, a few at a time between the reader's own
// doings. Nothing moves: errorspec.css keeps their room in each row until then.
const material = typeof __md_get === "function"
const tables = [...document.querySelectorAll(".errorspec-codes[data-errorspec-resolver]")].map(element => ({
  element,
  resolver: new URL(element.dataset.errorspecResolver, location.href).href,
  platform: element.dataset.errorspecPlatform,
  names: element.querySelector(".errorspec-copied")?.dataset ?? {},  // the controls' names, in the page's language
}))

function equip(row, table) {
  const cell = row.cells[0]
  if (!cell || cell.querySelector("button.errorspec-copy"))
    return
  let link = cell.querySelector(":scope > a")
  if (!link) {  // the code, as the page writes it: the cell's first text
    link = document.createElement("a")
    link.href = `#${row.id}`
    link.textContent = cell.firstChild?.textContent.trim() ?? ""
    cell.firstChild ? cell.firstChild.replaceWith(link) : cell.prepend(link)
  }
  const code = link.textContent
  const url = `${table.resolver}#${table.platform}/${code}`
  const message = row.cells[1]?.querySelector(":scope > code")?.textContent
  const controls = [
    ["errorspec-copy", url, table.names.errorspecNameLink],
    ["errorspec-copy errorspec-copy-markdown", markdownLink(message ? `${code} ${message}` : code, url),
      table.names.errorspecNameMarkdown],
  ]
  link.after(...controls.map(([kind, text, name]) => {
    const button = document.createElement("button")
    button.className = kind
    button.type = "button"
    button.setAttribute("data-clipboard-text", text)
    if (name) {
      button.title = name.replace("{code}", code)
      button.setAttribute("aria-label", button.title)
    }
    return button
  }))
  cell.classList.add("errorspec-equipped")
}

function equipAll(table) {
  const rows = [...table.element.querySelector("tbody")?.rows ?? []]
  const next = () => {
    const until = performance.now() + 8  // a few at a time: the reader's scrolls and keys come first
    while (rows.length && performance.now() < until)
      equip(rows.shift(), table)
    if (rows.length)
      setTimeout(next)
  }
  next()
}

function equipLanded() {
  const row = landedRow()
  const table = row && tables.find(table => table.element.contains(row))
  if (table)
    equip(row, table)
}


for (const table of tables) {
  table.element.addEventListener("click", event => {
    const button = event.target instanceof Element && event.target.closest("button.errorspec-copy")
    if (button)
      shareCode(button, button.getAttribute("data-clipboard-text"), button.closest("td").querySelector("a").textContent)
  })
}
addEventListener("hashchange", equipLanded)
if (document.readyState === "complete")
  tables.forEach(equipAll)
else
  addEventListener("load", () => afterShown(() => {
    equipLanded()
    setTimeout(() => tables.forEach(equipAll))
  }))

// Once the page has loaded and the browser has shown it (with the row the address names in view,
// where it has one): in the frame after the first. What errorspec adds then delays no showing.
function afterShown(then) {
  requestAnimationFrame(() => requestAnimationFrame(then))
}

// A Markdown link that renders as the text it was given: backslash, brackets, code, emphasis,
// HTML and entities are escaped in its label, a line break (which could end the paragraph) is a
// space, and parentheses in its URL (a folder's name) are percent-encoded.
function markdownLink(label, url) {
  const text = label.replace(/[\\`*_~[\]<>&]/g, "\\$&").replace(/\s*[\r\n]+\s*/g, " ")
  return `[${text}](${url.replaceAll("(", "%28").replaceAll(")", "%29")})`
}

const clearing = new WeakMap()  // each status line's timer that empties it

async function shareCode(button, text, code) {
  const status = button.closest(".errorspec-codes")?.querySelector(".errorspec-copied")
  const copied = material || await copyText(text, button)
  if (!status)
    return
  const said = status.dataset[button.matches(".errorspec-copy-markdown") ? "errorspecMarkdown" : "errorspecLink"]
  // A live region says a change of its text: emptied first, the same message twice is said twice.
  clearTimeout(clearing.get(status))
  status.textContent = ""
  setTimeout(() => {
    // A function puts the text in as it is: a replacement string would read a message's "$'" or "$&".
    status.textContent = copied ? said.replace("{code}", code) : status.dataset.errorspecByHand.replace("{text}", () => text)
    clearing.set(status, setTimeout(() => status.textContent = "", copied ? 4000 : 20000))
  }, 100)
}

// The asynchronous clipboard where the page may use it (HTTPS, localhost), else the older copy
// command, which a page served over plain HTTP still has; the keyboard's focus stays on the button.
async function copyText(text, button) {
  try {
    await navigator.clipboard.writeText(text)
    return true
  } catch (error) {
    const area = document.createElement("textarea")
    area.value = text
    area.setAttribute("readonly", "")
    area.style.cssText = "position: fixed; top: 0; opacity: 0"
    document.body.append(area)
    area.select()
    let done = false
    try {
      done = document.execCommand("copy")
    } catch (refused) {
      // neither clipboard: the status line shows the text, to copy by hand
    }
    area.remove()
    button.focus()
    return done
  }
}

// The other language's page is linked at build time (in the page, or in Material's language
// menu); the code in view is known only now. Material would take the click over and go to the
// other language's page without it.
document.addEventListener("click", event => {
  const link = event.target instanceof Element &&
    event.target.closest("a[data-errorspec-language], a.md-select__link[hreflang]")
  if (!link || !location.hash)
    return
  link.href = link.href.split("#")[0] + location.hash
  if (event.button === 0 && !(event.metaKey || event.ctrlKey || event.shiftKey || event.altKey)) {
    event.preventDefault()
    event.stopPropagation()
    location.href = link.href
  }
}, true)

// A platform of many codes is split into parts; a link to a code on another part (one made
// before the split, or typed by hand) goes on to the code's permanent URL, which knows the part.
function findElsewhere() {
  const codes = document.querySelector(".errorspec-codes[data-errorspec-resolver]")
  const wanted = /^#(-?\d+)$/.exec(location.hash)
  if (codes && wanted && !document.getElementById(wanted[1]))
    location.replace(`${codes.dataset.errorspecResolver}#${codes.dataset.errorspecPlatform}/${wanted[1]}`)
}
addEventListener("hashchange", findElsewhere)
findElsewhere()

// The theme's sticky or fixed header (Material's, taller with sticky tabs; Bootstrap's navbar in
// the mkdocs theme): where it ends, from the window's top. A band at the top, not an overlay.
function measureHeader() {
  let bottom = 0
  for (const element of document.elementsFromPoint(innerWidth / 2, 1)) {
    const box = element.getBoundingClientRect()
    if (["sticky", "fixed"].includes(getComputedStyle(element).position) && box.top <= 1 && box.bottom < innerHeight / 2)
      bottom = Math.max(bottom, box.bottom)
  }
  return bottom
}

// Landing on a code (a link, a search result, a permanent URL): its row below the header. Some
// themes move the page once it has loaded (a header's padding, late styles), which can leave the
// reader away from the code the URL names, or under the header: bring it back into view then.
function land() {
  const header = measureHeader()
  let id = location.hash.slice(1)
  try {
    id = decodeURIComponent(id)
  } catch (error) {
    // not valid percent-encoding (#%): no element has it either way
  }
  const target = id && document.getElementById(id)
  if (!target)
    return
  // The row's margin below the header (errorspec.css reads it), on the row alone: on the page,
  // it would have the style of every element worked out again.
  if (target.matches(".errorspec-codes tr"))
    target.style.setProperty("--errorspec-header", `${header}px`)
  const top = target.getBoundingClientRect().top
  if (top < header || top > innerHeight)
    target.scrollIntoView()
}
// Measured once the page shows, not while it is read: a measure then costs the browser a layout
// of every row, which it makes again once the theme's own script has run. The browser has already
// brought the row into view (errorspec.css's margin holds a usual header).
addEventListener("load", () => afterShown(land))
addEventListener("hashchange", land)

// Material's search box opens in an element with the dialog role and no name, which a screen
// reader announces as a bare "dialog": it takes the name of its search box, which the theme
// writes in the page's language.
for (const dialog of document.querySelectorAll(".md-search[role=dialog]:not([aria-label], [aria-labelledby])")) {
  const box = dialog.querySelector("input[aria-label]")
  if (box)
    dialog.setAttribute("aria-label", box.getAttribute("aria-label"))
}

// Landing on a code's row (a search result, a permanent URL, a link in a support reply) opens
// what to do about the code, which every other row keeps folded: the reader came for this code.
function openLanded() {
  const todo = landedRow()?.querySelector("details.errorspec-todo")
  if (todo)
    todo.open = true
}

// The row of the code the address names, if any.
function landedRow() {
  let id = location.hash.slice(1)
  try {
    id = decodeURIComponent(id)
  } catch (error) {
    return null  // not valid percent-encoding (#%): no row has it
  }
  const row = id && document.getElementById(id)
  return row && row.matches(".errorspec-codes tr") ? row : null
}
openLanded()
addEventListener("hashchange", openLanded)
