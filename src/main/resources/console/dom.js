// Small DOM helpers shared by the console's modules.

export const $ = (selector) => document.querySelector(selector);

const SVG = "http://www.w3.org/2000/svg";

// An HTML element: props set attributes ("class", "data" as dataset, "onX" as listeners).
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === "class") node.className = value;
    else if (key === "data") Object.assign(node.dataset, value);
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children) {
    node.append(child instanceof Node ? child : document.createTextNode(child ?? ""));
  }
  return node;
}

// An SVG element with attributes (no inline styles: the page's CSP forbids them).
export function svg(tag, attributes = {}, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  node.append(...children);
  return node;
}

export function notice(text) {
  const node = $("#notice");
  node.textContent = text || "";
  node.hidden = !text;
}
