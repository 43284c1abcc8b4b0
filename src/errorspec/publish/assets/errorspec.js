// errorspec's page behaviour: copy-link buttons and a language switch that keeps the code.

// Material copies [data-clipboard-text] and says so; give it the code's full URL. Other themes
// have no clipboard of their own: errorspec copies, and says so beside the button.
const material = typeof __md_get === "function"
for (const button of document.querySelectorAll("button.errorspec-copy[data-clipboard-text]")) {
  const url = new URL(button.getAttribute("data-clipboard-text"), location.href)
  button.setAttribute("data-clipboard-text", url.href)
  if (!material)
    button.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(url.href)
        button.dataset.errorspecCopied = "✓ " + url.hash
      } catch (error) {
        button.dataset.errorspecCopied = url.href  // no clipboard here: the link, to copy by hand
      }
      setTimeout(() => delete button.dataset.errorspecCopied, 2000)
    })
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
// the mkdocs theme): where it ends, from the window's top. A row landed on starts below it
// (errorspec.css's scroll-margin reads --errorspec-header). A band at the top, not an overlay.
function measureHeader() {
  let bottom = 0
  for (const element of document.elementsFromPoint(innerWidth / 2, 1)) {
    const box = element.getBoundingClientRect()
    if (["sticky", "fixed"].includes(getComputedStyle(element).position) && box.top <= 1 && box.bottom < innerHeight / 2)
      bottom = Math.max(bottom, box.bottom)
  }
  document.documentElement.style.setProperty("--errorspec-header", `${bottom}px`)
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
  const top = target ? target.getBoundingClientRect().top : 0
  if (target && (top < header || top > innerHeight))
    target.scrollIntoView()
}
measureHeader()
addEventListener("load", land)
addEventListener("hashchange", land)
