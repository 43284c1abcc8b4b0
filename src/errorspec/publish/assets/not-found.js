// errorspec's 404 page (templates/errorspec/404.html). A static host serves the site's 404.html
// for every path that is not there: a path under another language's folder (zh/) goes on to that
// language's own 404 page, which then shows the address the reader asked for again (kept for it
// in the tab's session storage). A code in the address (a path ending in one, zh/android/871310,
// or a hash, #871310) is what the page's search link looks for.
(() => {
  const page = document.getElementById("errorspec-not-found")
  const folders = JSON.parse(page.dataset.errorspecFolders)
  const ASKED = "errorspec-asked"
  let asked = null
  try {
    asked = sessionStorage.getItem(ASKED)
    sessionStorage.removeItem(ASKED)
  } catch (error) {
    // no session storage (a browser's strictest privacy): the address stays the 404 page's own
  }
  const folder = Object.keys(folders).find(folder => location.pathname.startsWith(folder))
  if (folder && location.pathname !== folders[folder]) {  // not that page itself, if it is missing
    try {
      sessionStorage.setItem(ASKED, location.href)
    } catch (error) {
      // the same: that language's page, at its own address
    }
    location.replace(folders[folder])
    return
  }
  let address = null
  try {
    address = asked && new URL(asked)
  } catch (error) {
    // not an address: any script of the site's origin may have written that key
  }
  if (address && address.origin === location.origin)
    history.replaceState(null, "", asked)
  const search = page.querySelector("a[data-errorspec-search]")
  const code = /(?:^|[/#])(-?\d+)(?:\.html)?\/?$/.exec(location.pathname + location.hash)
  if (search && code && code[0] !== "/404.html") {  // the 404 page opened by its own name: no code
    const url = new URL(search.href)
    url.searchParams.set("q", code[1])
    search.href = url.href
  }
})()
