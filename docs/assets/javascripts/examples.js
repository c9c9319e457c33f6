// Two small helps for readers, run on every page load (Material's document$).
//
// 1. A console example (">>> " prompts, then the output) copies as runnable code: the copy
//    button copies the lines after ">>> " and "... " without their prompts, and leaves out the
//    output lines, so that what is pasted into Python runs. Material's copy button copies the
//    text in a data-copy attribute when the code block has one.
// 2. A table wider than the column scrolls inside its box; it is marked so that the
//    stylesheet shows the hint that it scrolls.
const PROMPTS = [">>> ", "... "]

function runnable(text) {
  const code = []
  for (const line of text.split("\n")) {
    if (line === ">>>" || line === "...") code.push("")
    const prompt = PROMPTS.find((p) => line.startsWith(p))
    if (prompt) code.push(line.slice(prompt.length))
  }
  return code.join("\n")
}

document$.subscribe(({ body }) => {
  for (const code of body.querySelectorAll("pre > code")) {
    const text = code.textContent
    if (text.split("\n").some((line) => line.startsWith(">>> "))) {
      code.setAttribute("data-copy", runnable(text))
    }
  }
  for (const wrap of body.querySelectorAll(".md-typeset__scrollwrap")) {
    const wide = () => wrap.classList.toggle("is-wide", wrap.scrollWidth > wrap.clientWidth + 1)
    wide()
    new ResizeObserver(wide).observe(wrap)
  }
})
