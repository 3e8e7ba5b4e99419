/** The moderation page's stylesheet: system fonts, light and dark, a visible focus ring everywhere. */
export const ADMIN_STYLE = `
:root{color-scheme:light dark;--bg:#f6f7f9;--card:#fff;--fg:#1d2127;--muted:#5d6673;--line:#d9dde3;
--accent:#1f5fd1;--accent-fg:#fff;--ok:#17794a;--warn:#8a5a00;--warn-bg:#fff3d6;--bad:#b42318;--bad-bg:#fde8e6;
--pin:#0e5e8f;--pin-bg:#e2f1fb;--sel:#eaf1fe}
@media (prefers-color-scheme:dark){:root{--bg:#14171b;--card:#1d2126;--fg:#e6e9ed;--muted:#a0a9b4;
--line:#343a42;--accent:#7aa7ff;--accent-fg:#0b1020;--ok:#5fd69a;--warn:#f5c66b;--warn-bg:#3a2e12;
--bad:#ff8a80;--bad-bg:#3d1d1b;--pin:#8ccfff;--pin-bg:#15324a;--sel:#1c2a44}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif}
a{color:var(--accent)}
:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
[hidden]{display:none!important}
.top{display:flex;flex-wrap:wrap;gap:.75rem 1.5rem;align-items:center;justify-content:space-between;
padding:.75rem 1.25rem;background:var(--card);border-bottom:1px solid var(--line)}
.top h1{font-size:1.15rem;margin:0}
.who{display:flex;flex-wrap:wrap;gap:.75rem;align-items:center}
.who-label{color:var(--muted)}
main{max-width:64rem;margin:0 auto;padding:1rem 1.25rem 4rem}
h2{font-size:1.05rem;margin:0 0 .75rem}
h3{font-size:.95rem;margin:0 0 .5rem}
.sign-in{display:grid;gap:1rem;grid-template-columns:repeat(auto-fit,minmax(18rem,1fr))}
.card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:1rem 1.1rem}
label{font-weight:600;font-size:.9rem}
.field{display:flex;flex-direction:column;gap:.25rem;margin-bottom:.75rem}
input,select{font:inherit;color:inherit;background:var(--bg);border:1px solid var(--line);border-radius:6px;
padding:.4rem .55rem;min-width:0}
button{font:inherit;cursor:pointer;border:1px solid var(--line);background:var(--card);color:var(--fg);
border-radius:6px;padding:.3rem .7rem}
button:hover:not(:disabled){border-color:var(--accent)}
button:disabled{opacity:.5;cursor:default}
button.primary{background:var(--accent);border-color:var(--accent);color:var(--accent-fg);font-weight:600}
button.danger{color:var(--bad);border-color:var(--bad)}
.hint{color:var(--muted);font-size:.85rem;margin:.25rem 0 .75rem}
.providers{display:flex;flex-wrap:wrap;gap:.5rem;list-style:none;padding:0;margin:.5rem 0}
.live{min-height:1.5em;margin:0 0 .5rem;color:var(--ok)}
.alert{min-height:0;margin:0 0 .5rem;color:var(--bad);font-weight:600}
.alert:empty,.live:empty{margin:0}
.tabs{display:flex;flex-wrap:wrap;gap:.25rem;border-bottom:1px solid var(--line);margin-bottom:.75rem}
.tabs [role=tab]{border:0;border-bottom:3px solid transparent;border-radius:0;background:none;padding:.45rem .8rem;
color:var(--muted);font-weight:600}
.tabs [role=tab][aria-selected=true]{color:var(--fg);border-bottom-color:var(--accent)}
.toolbar{position:sticky;top:0;z-index:1;display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;
background:var(--bg);padding:.5rem 0;border-bottom:1px solid var(--line);margin-bottom:.75rem}
.toolbar .count{color:var(--muted);min-width:5.5rem}
.toolbar .reason{flex-basis:100%;display:flex;gap:.5rem;align-items:center}
.toolbar .reason input{width:min(24rem,100%)}
.rows{list-style:none;margin:0;padding:0;display:grid;gap:.6rem}
.row{background:var(--card);border:1px solid var(--line);border-left:4px solid var(--line);border-radius:8px;
padding:.7rem .9rem;display:grid;grid-template-columns:auto 1fr;gap:.2rem .75rem}
.row.current{border-left-color:var(--accent)}
.row.selected{background:var(--sel)}
.row>.pick{margin-top:.3rem;width:1.05rem;height:1.05rem}
.row>.body{min-width:0}
.meta{display:flex;flex-wrap:wrap;gap:.15rem .6rem;align-items:baseline;font-size:.9rem;color:var(--muted)}
.meta .name{color:var(--fg);font-weight:700}
.meta .page{max-width:24rem;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.badges{display:inline-flex;flex-wrap:wrap;gap:.3rem;list-style:none;margin:0;padding:0}
.badge{font-size:.75rem;font-weight:700;border-radius:999px;padding:0 .5rem;background:var(--warn-bg);color:var(--warn)}
.badge.pin{background:var(--pin-bg);color:var(--pin)}
.badge.plain{background:var(--bg);color:var(--muted);border:1px solid var(--line)}
.badge.held{background:var(--bad-bg);color:var(--bad)}
.content{margin:.35rem 0;overflow-wrap:anywhere}
.content>:first-child{margin-top:0}.content>:last-child{margin-bottom:0}
.content pre,.source pre{overflow:auto;background:var(--bg);padding:.5rem;border-radius:6px}
.content blockquote{margin:.25rem 0;padding-left:.75rem;border-left:3px solid var(--line);color:var(--muted)}
.source summary{cursor:pointer;color:var(--muted);font-size:.85rem}
.source pre{white-space:pre-wrap;overflow-wrap:anywhere}
.source dl{display:grid;grid-template-columns:auto 1fr;gap:.1rem .75rem;font-size:.85rem;margin:.25rem 0}
.source dt{color:var(--muted)}.source dd{margin:0;overflow-wrap:anywhere}
.actions{display:flex;flex-wrap:wrap;gap:.4rem;margin-top:.35rem}
.row-error{color:var(--bad);font-weight:600;margin:.25rem 0 0}
.row-error:empty{display:none}
.empty{color:var(--muted);text-align:center;padding:2rem 0}
.more{display:block;margin:1rem auto}
table{width:100%;border-collapse:collapse;background:var(--card);border:1px solid var(--line);border-radius:8px}
th,td{text-align:left;padding:.45rem .6rem;border-bottom:1px solid var(--line);vertical-align:top;font-size:.9rem}
td{overflow-wrap:anywhere}
th{color:var(--muted);font-weight:600}
td.number{font-variant-numeric:tabular-nums}
.feedback-page{margin-top:1.25rem}
.feedback-page h3 .page{font-weight:400;overflow-wrap:anywhere}
.entries{list-style:none;margin:0;padding:0;display:grid;gap:.5rem}
.entry{background:var(--card);border:1px solid var(--line);border-left:4px solid var(--line);border-radius:8px;
padding:.5rem .8rem}
.entry.held{border-left-color:var(--bad)}
.message{margin:.3rem 0 0;white-space:pre-wrap;overflow-wrap:anywhere}
.panel-head{display:flex;justify-content:space-between;align-items:center;margin-bottom:.5rem}
dialog{border:1px solid var(--line);border-radius:10px;background:var(--card);color:var(--fg);
width:min(30rem,92vw);padding:1.1rem}
dialog::backdrop{background:rgb(0 0 0/.45)}
dialog .buttons{display:flex;gap:.5rem;justify-content:flex-end;margin-top:.5rem}
kbd{font:600 .85rem ui-monospace,monospace;border:1px solid var(--line);border-bottom-width:2px;border-radius:4px;
padding:0 .35rem;background:var(--bg)}
.keys td:first-child{white-space:nowrap}
.sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
`
