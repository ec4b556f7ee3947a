// One question's answer choices in JupyterLab: a real fieldset whose legend is the question,
// with native radio buttons (one group, one Tab stop, arrow keys move inside it) or check boxes.
let views = 0;

// A "Learn more" link opens its chapter in a JupyterLab tab (JupyterLab's own link handling); in a
// chapter that has only just opened, JupyterLab does not scroll, so wait for the heading and show it.
function scrollToSection(event) {
  const link = event.target.closest && event.target.closest("a[data-tc-anchor]");
  if (!link) return;
  const own = link.closest(".jp-NotebookPanel");
  const selector = `.jp-NotebookPanel:not(.lm-mod-hidden) [id="${CSS.escape(link.dataset.tcAnchor)}"]`;
  const started = Date.now();
  const look = () => {
    const found = [...document.querySelectorAll(selector)];
    const target = found.find((h) => h.closest(".jp-NotebookPanel") !== own) || found[0];
    if (target && target.closest(".jp-NotebookPanel") !== own) target.scrollIntoView({ block: "start" });
    else if (Date.now() - started < 8000) setTimeout(look, 200);
  };
  setTimeout(look, 200);
}
if (!globalThis.tcLearnMoreListening) {
  globalThis.tcLearnMoreListening = true;
  document.addEventListener("click", scrollToSection);
}

function render({ model, el }) {
  const group = `tc-choices-${model.get("group")}-${++views}`;  // unique per view: two views, two groups
  const fieldset = document.createElement("fieldset");
  fieldset.className = "tc-choices";
  const legend = document.createElement("legend");
  legend.textContent = model.get("legend");
  fieldset.append(legend);
  if (model.get("description")) {
    const story = document.createElement("p");
    story.id = `${group}--story`;
    story.textContent = model.get("description");
    fieldset.setAttribute("aria-describedby", story.id);
    el.append(story);
  }
  const inputs = model.get("options").map((text, i) => {
    const label = document.createElement("label");
    const input = document.createElement("input");
    input.type = model.get("multiple") ? "checkbox" : "radio";
    input.name = group;
    input.value = String(i);
    label.append(input, document.createTextNode(text));
    fieldset.append(label);
    return input;
  });
  const show = () => {
    const chosen = model.get("value");
    inputs.forEach((input, i) => { input.checked = chosen.includes(i); });
  };
  fieldset.addEventListener("change", () => {
    model.set("value", inputs.flatMap((input, i) => (input.checked ? [i] : [])));
    model.save_changes();
  });
  // JupyterLab's notebook shortcuts use the arrow keys to move between cells; inside the group
  // they belong to the browser, which moves between the options.
  fieldset.addEventListener("keydown", (event) => {
    if (event.key.startsWith("Arrow")) event.stopPropagation();
  });
  model.on("change:value", show);
  show();
  el.append(fieldset);
  return () => model.off("change:value", show);
}

export default { render };
