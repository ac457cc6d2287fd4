"""Streamlit's own English strings in Japanese, the page declared lang="ja" (Streamlit has no locale setting), and
a date typed into a date box applied on Enter (Streamlit applies it only when the box loses focus)."""
from __future__ import annotations

import json

# (pattern over a whole text node or attribute, Japanese replacement[, CSS selector the text's element must sit
# in]); JavaScript regular expressions
TRANSLATIONS = [
    (r"^Press Enter to apply$", "Enterで確定"),
    (r"^Press (⌘|Ctrl)\+Enter to apply$", "$1+Enterで確定"),
    (r"^Press Enter to submit form$", "Enterで送信"),
    (r"^Select all$", "すべて選択"),
    (r"^Select (\d+) matches$", "一致する$1件を選択"),
    (r"^No results$", "該当なし"),
    (r"^Clear all$", "すべて解除"),
    (r"^Choose an option$", "選択してください"),
    (r"^Choose options$", "選択してください"),
    (r"^You can only select up to (\d+) options?\. Remove an option first\.$",
     "選べるのは$1件までです。先にどれかを外してください。"),
    (r"^Drag and drop (a file|files) here$", "ここにファイルをドラッグ＆ドロップ"),
    (r"^Limit (.+) per file(.*)$", "1ファイル$1まで$2"),
    (r"^(\S+) per file$", "1ファイル$1まで"),
    (r"^Browse files$", "ファイルを選ぶ"),
    (r"^Upload$", "ファイルを選ぶ"),
    (r"^File must be (.+) or smaller\.$", "ファイルは$1以下にしてください。"),
    (r"^(.+) files are not allowed\.$", "$1 の形式は受け付けられません。.txt・.docx・.pdf・.html・.xlsx で保存し直して"
                                        "ください（Word の .doc は Word で .docx に、Excel の .xls は Excel で .xlsx に）。"),
    (r"^Error:?$", "エラー："),
    (r"^Running\.\.\.$", "処理中…"),
    (r"^Stop$", "停止"),
    (r"^Rerun$", "再実行"),
    (r"^Settings$", "設定"),
    (r"^Print$", "印刷"),
    (r"^Close$", "閉じる"),
    (r"^Remove$", "削除"),
    (r"^Remove (.+)$", "$1 を外す"),
    (r"^Selected values$", "選択中"),
    (r"^Open$", "開く"),
    (r"^Dismiss$", "閉じる"),
    (r"^App pages$", "ページ"),
    (r"^Link to heading$", "見出しへのリンク"),
    (r"^Collapse sidebar$", "メモ欄を閉じる"),
    (r"^Expand sidebar$", "メモ欄を開く"),
    (r"^Sidebar$", "メモ欄"),
    (r"^Help for (.+)$", "$1の説明"),
    (r"^Skip to main content$", "本文へ移動"),
    (r"^(\w+) icon$", "アイコン"),
    (r"^file upload$", "ファイルを選ぶ"),
    (r"^Show/hide columns$", "列の表示・非表示"),
    (r"^Increment$", "増やす"),
    (r"^Decrement$", "減らす"),
    (r"^Download as CSV$", "CSVでダウンロード"),
    (r"^Search$", "検索"),
    (r"^Fullscreen$", "全画面"),
    (r"^View fullscreen$", "全画面で見る"),
    (r"^Exit fullscreen$", "全画面を終了"),
    (r"^Show password text$", "表示"),
    (r"^Selectbox options$", "選択肢"),
    (r"^Choose date$", "日付を選ぶ"),
    (r"^YYYY/MM/DD$", "例 2020/05/12"),
    (r"^yyyy$", "年", "[data-type=year]"),
    (r"^mm$", "月", "[data-type=month]"),
    (r"^dd$", "日", "[data-type=day]"),
    (r"^Choose date, (.+)$", "日付を選ぶ（$1）"),
    (r"^Previous month$", "前の月"),
    (r"^Next month$", "次の月"),
    (r"^Use arrow keys to navigate dates\. Enter to select\. Escape to close\.$",
     "矢印キーで日付を移動、Enterで選択、Escapeで閉じます。"),
    (r"^year, (.+)$", "$1（年）"),
    (r"^month, (.+)$", "$1（月）"),
    (r"^day, (.+)$", "$1（日）"),
    (r"^January$", "1月"),
    (r"^February$", "2月"),
    (r"^March$", "3月"),
    (r"^April$", "4月"),
    (r"^May$", "5月"),
    (r"^June$", "6月"),
    (r"^July$", "7月"),
    (r"^August$", "8月"),
    (r"^September$", "9月"),
    (r"^October$", "10月"),
    (r"^November$", "11月"),
    (r"^December$", "12月"),
]
# English strings a test asserts are gone from the page (Streamlit's own, as of 1.67)
ENGLISH = ["Select all", "Press Enter to apply", "Drag and drop file here", "Drag and drop a file here",
           "per file", "Browse files", "No results", "Choose an option", "Running...", "Deploy",
           "or smaller.", "are not allowed.", "Clear all", "yyyy", "Previous month", "Next month",
           "Choose date", "Use arrow keys", "Sunday", "Monday", "December", "Skip to main content"]

_SCRIPT = """<script>
(() => {
  const doc = window.parent && window.parent.document ? window.parent.document : document;
  doc.documentElement.lang = "ja";
  if (doc.defaultView.__gijiJapanese) return;
  doc.defaultView.__gijiJapanese = true;
  const nav = doc.defaultView.navigator;             // the date boxes' calendar follows the browser's language
  if (!/^ja\b/.test(nav.language)) {
    Object.defineProperty(nav, "language", {get: () => "ja-JP", configurable: true});
    Object.defineProperty(nav, "languages", {get: () => ["ja-JP", "ja"], configurable: true});
    doc.defaultView.dispatchEvent(new Event("languagechange"));
  }
  const rules = %s.map(([p, r, inside]) => [new RegExp(p), r, inside]);
  const tr = (s, el) => {
    const t = s.trim();
    for (const [p, r, inside] of rules)
      if (p.test(t) && (!inside || (el && el.closest(inside)))) return s.replace(t, t.replace(p, r));
    return null;
  };
  const text = (n) => {
    const out = n.nodeValue && tr(n.nodeValue, n.parentElement);
    if (out !== null && out !== n.nodeValue) n.nodeValue = out;
  };
  const fix = (root) => {
    const walker = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) text(n);
    if (!root.querySelectorAll) return;
    const els = [root, ...root.querySelectorAll("[aria-label],[title],[placeholder]")];
    for (const el of els) for (const a of ["aria-label", "title", "placeholder"]) {
      const v = el.getAttribute(a);
      const out = v && tr(v, el);
      if (out !== null && out !== v) el.setAttribute(a, out);
    }
  };
  fix(doc.body);
  doc.addEventListener("keydown", (e) => {
    if (e.key !== "Enter" || !e.target.closest || !e.target.closest("[data-testid='stDateInput']")) return;
    const main = doc.querySelector("[data-testid='stMain']");         // leaving the box is what applies it
    if (main) main.focus(); else e.target.blur();
  }, true);
  new MutationObserver((ms) => {
    if (doc.documentElement.lang !== "ja") doc.documentElement.lang = "ja";
    for (const m of ms) {
      if (m.type === "characterData") text(m.target);
      else if (m.type === "attributes" && m.attributeName !== "lang") {
        const v = m.target.getAttribute(m.attributeName);
        const out = v && tr(v, m.target);
        if (out !== null && out !== v) m.target.setAttribute(m.attributeName, out);
      }
      // only what is still in the page, and never inside a chart's SVG: plotly adds and removes thousands of
      // nodes (a map of an archive), and walking the page for each once took minutes
      else m.addedNodes.forEach((n) => {
        if (!n.isConnected || (n.parentElement && n.parentElement.closest("svg"))) return;
        if (n.nodeType === 3) text(n);
        else if (n.nodeType === 1 && n.tagName !== "svg") fix(n);
      });
    }
  }).observe(doc, {subtree: true, childList: true, characterData: true, attributes: true,
                   attributeFilter: ["aria-label", "title", "placeholder", "lang"]});
})();
</script>"""


def script() -> str:
    """The <script> that keeps the page Japanese: run once per browser page, it watches every later change."""
    return _SCRIPT % json.dumps(TRANSLATIONS, ensure_ascii=False)


def install() -> None:
    """Put the script on the page (st.html runs it in the page itself; it takes no space)."""
    import streamlit as st

    st.html(script(), unsafe_allow_javascript=True)
