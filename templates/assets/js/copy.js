/*
 * Copy buttons for code listings (progressive enhancement: without this script the listings are
 * ordinary, selectable <pre> blocks). Adds a bar with the language and a "Copy" button above each
 * listing. The copied text leaves out callout markers such as (1) and the comment sign that only
 * carried them, and it works from file:// pages, where the async clipboard API may be missing.
 */
(function () {
  "use strict";

  var ko = (document.documentElement.getAttribute("lang") || "").toLowerCase().indexOf("ko") === 0;
  var words = ko
    ? { copy: "복사", code: " 코드", copied: "복사됨", failed: "복사 실패", announceOk: "코드를 복사했습니다", announceFail: "복사하지 못했습니다. 코드를 직접 선택해 복사하세요." }
    : { copy: "Copy", code: " code", copied: "Copied", failed: "Copy failed", announceOk: "Copied", announceFail: "Could not copy. Select the code and copy it by hand." };

  var MARK = "\u0000";
  // What may stand before a callout once the callout is gone: a line comment opened only for it.
  var LEFTOVER = /[ \t]*(?:#|\/\/|--|;;|<!--[ \t]*-->)?[ \t]*$/;

  var status;

  function announce(text) {
    if (!status) {
      status = document.createElement("div");
      status.className = "visually-hidden";
      status.setAttribute("role", "status");
      status.setAttribute("aria-live", "polite");
      document.body.appendChild(status);
    }
    // Empty first, so the same words are announced again on a second copy.
    status.textContent = "";
    window.setTimeout(function () { status.textContent = text; }, 50);
  }

  /** The text of a listing as a reader would type it: no callout markers. */
  function codeText(pre) {
    var source = pre.querySelector("code") || pre;
    var clone = source.cloneNode(true);
    var marks = clone.querySelectorAll(".conum");
    for (var i = 0; i < marks.length; i++) {
      marks[i].parentNode.replaceChild(document.createTextNode(MARK), marks[i]);
    }
    var lines = clone.textContent.split("\n");
    for (var j = 0; j < lines.length; j++) {
      if (lines[j].indexOf(MARK) !== -1) {
        lines[j] = lines[j].split(MARK).join("").replace(LEFTOVER, "");
      }
    }
    // No trailing newline: a pasted last command should wait for Enter.
    return lines.join("\n").replace(/\s+$/, "");
  }

  function copyWithTextarea(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.setAttribute("aria-hidden", "true");
    area.style.position = "fixed";
    area.style.top = "0";
    area.style.left = "-9999px";
    area.style.opacity = "0";
    document.body.appendChild(area);
    var focused = document.activeElement;
    area.select();
    area.setSelectionRange(0, text.length);
    var ok = false;
    try {
      ok = document.execCommand("copy");
    } catch (e) {
      ok = false;
    }
    document.body.removeChild(area);
    if (focused && focused.focus) {
      focused.focus();
    }
    return ok;
  }

  function copy(text) {
    if (navigator.clipboard && navigator.clipboard.writeText && window.isSecureContext) {
      return navigator.clipboard.writeText(text).then(
        function () { return true; },
        function () { return copyWithTextarea(text); });
    }
    return Promise.resolve(copyWithTextarea(text));
  }

  function show(button, label, state) {
    var visible = button.querySelector(".copy-label");
    visible.textContent = label;
    button.setAttribute("data-state", state);
    window.clearTimeout(button._reset);
    if (state !== "idle") {
      button._reset = window.setTimeout(function () { show(button, words.copy, "idle"); }, 2000);
    }
  }

  function enhance(pre) {
    var content = pre.parentNode;
    if (!content || content.querySelector(":scope > .code-bar")) {
      return;
    }
    var code = pre.querySelector("code");
    var lang = code ? code.getAttribute("data-lang") || "" : "";

    var bar = document.createElement("div");
    bar.className = "code-bar";

    var name = document.createElement("span");
    name.className = "code-lang";
    name.textContent = lang && lang !== "text" ? lang : "";
    bar.appendChild(name);

    var button = document.createElement("button");
    button.type = "button";
    button.className = "copy-button";
    button.setAttribute("data-state", "idle");
    var label = document.createElement("span");
    label.className = "copy-label";
    label.textContent = words.copy;
    var hidden = document.createElement("span");
    hidden.className = "visually-hidden";
    hidden.textContent = words.code;
    button.appendChild(label);
    button.appendChild(hidden);
    button.addEventListener("click", function () {
      copy(codeText(pre)).then(function (ok) {
        show(button, ok ? words.copied : words.failed, ok ? "copied" : "failed");
        announce(ok ? words.announceOk : words.announceFail);
      });
    });
    bar.appendChild(button);

    content.insertBefore(bar, pre);
  }

  function init() {
    if (!window.Promise) {
      return;
    }
    var blocks = document.querySelectorAll(".listingblock > .content > pre, .literalblock > .content > pre");
    for (var i = 0; i < blocks.length; i++) {
      enhance(blocks[i]);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
