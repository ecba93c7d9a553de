/// The page's only stylesheet, inlined so the report is one self-contained file (no network, no scripts).
///
/// Colours are never the only signal: every verdict and severity also carries a word and a symbol. The
/// palette keeps WCAG AA contrast for text on its tinted background. Print rules drop the page width limit,
/// keep tints (`print-color-adjust: exact`) and avoid splitting a finding or a card across pages.
enum HTMLStyle {
    static let css = """
        :root {
          --fg: #1f2328; --muted: #59636e; --border: #d1d9e0; --panel: #f6f8fa;
          --always: #116329; --always-bg: #dafbe1; --never: #a40e26; --never-bg: #ffebe9;
          --cond: #7d4e00; --cond-bg: #fff8c5; --undec: #6639ba; --undec-bg: #fbefff;
          --invalid: #57606a; --invalid-bg: #eaeef2;
        }
        * { box-sizing: border-box; }
        html { -webkit-text-size-adjust: 100%; }
        body { margin: 0; color: var(--fg); background: #fff;
          font: 15px/1.5 system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK SC", "Helvetica Neue", Arial, sans-serif; }
        main { max-width: 1200px; margin: 0 auto; padding: 24px 32px 48px; }
        h1 { font-size: 26px; margin: 0 0 4px; }
        h2 { font-size: 20px; margin: 32px 0 12px; padding-bottom: 6px; border-bottom: 1px solid var(--border); }
        h3 { font-size: 16px; margin: 20px 0 8px; }
        h4 { font-size: 15px; margin: 0 0 6px; }
        p { margin: 6px 0; }
        code, .mono, table.src { font-family: ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", "Noto Sans Mono", Menlo, Consolas, monospace; }
        code { font-size: 13px; background: var(--panel); border-radius: 4px; padding: 1px 4px; overflow-wrap: anywhere; }
        .meta { color: var(--muted); margin: 0 0 16px; }
        .banner { border: 1px solid var(--border); border-left: 6px solid var(--muted); border-radius: 8px;
          padding: 12px 16px; margin: 16px 0; background: var(--panel); }
        .banner.fail { border-left-color: var(--never); background: var(--never-bg); }
        .banner.pass { border-left-color: var(--always); background: var(--always-bg); }
        .banner .word { font-size: 20px; font-weight: 700; margin-right: 8px; }
        .banner ul { margin: 6px 0 0; padding-left: 20px; }
        .cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(140px, 1fr)); gap: 12px; margin: 16px 0; }
        .card { border: 1px solid var(--border); border-radius: 8px; padding: 10px 14px; background: var(--panel); }
        .card .n { display: block; font-size: 26px; font-weight: 700; line-height: 1.2; }
        .card .l { display: block; color: var(--muted); font-size: 13px; }
        .card.sev-error, .card.sev-security-warning { border-top: 4px solid var(--never); }
        .card.sev-warning { border-top: 4px solid var(--cond); }
        .card.sev-suggestion { border-top: 4px solid var(--undec); }
        .scroll { overflow-x: auto; }
        table { border-collapse: collapse; width: 100%; margin: 8px 0; }
        th, td { border: 1px solid var(--border); padding: 6px 10px; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
        thead th { white-space: nowrap; }
        td.nowrap { white-space: nowrap; }
        table.checks { table-layout: fixed; }
        col.w-action { width: 22%; } col.w-resource { width: 9%; } col.w-verdict { width: 16%; }
        col.w-why { width: 25%; } col.w-statements { width: 28%; }
        th { background: var(--panel); font-weight: 600; }
        caption { text-align: left; color: var(--muted); padding: 4px 0; caption-side: top; }
        .badge { display: inline-block; padding: 0 8px; border: 1px solid currentColor; border-radius: 999px;
          font-size: 13px; font-weight: 600; white-space: nowrap; }
        .v-always { color: var(--always); background: var(--always-bg); }
        .v-never { color: var(--never); background: var(--never-bg); }
        .v-conditional { color: var(--cond); background: var(--cond-bg); }
        .v-undecidable { color: var(--undec); background: var(--undec-bg); }
        .v-invalid { color: var(--invalid); background: var(--invalid-bg); }
        .sev-error, .sev-security-warning { color: var(--never); background: var(--never-bg); }
        .sev-warning { color: var(--cond); background: var(--cond-bg); }
        .sev-suggestion { color: var(--undec); background: var(--undec-bg); }
        .card.sev-error, .card.sev-security-warning, .card.sev-warning, .card.sev-suggestion { color: var(--fg); background: var(--panel); }
        td.cell { white-space: nowrap; }
        .expect { display: block; font-size: 12px; color: var(--muted); white-space: normal; }
        .expect.failed, .bad { color: var(--never); font-weight: 700; }
        .finding { border: 1px solid var(--border); border-left: 4px solid var(--muted); border-radius: 6px;
          padding: 10px 14px; margin: 12px 0; break-inside: avoid; }
        .finding.sev-error, .finding.sev-security-warning { border-left-color: var(--never); background: #fff; color: var(--fg); }
        .finding.sev-warning { border-left-color: var(--cond); background: #fff; color: var(--fg); }
        .finding.sev-suggestion { border-left-color: var(--undec); background: #fff; color: var(--fg); }
        .finding .loc { color: var(--muted); font-size: 13px; }
        .finding .remedy { margin-top: 8px; }
        .muted { color: var(--muted); font-size: 13px; }
        table.src { border: 1px solid var(--border); border-radius: 4px; font-size: 13px; line-height: 1.45; background: var(--panel); }
        table.src td { border: none; padding: 0 8px; white-space: pre-wrap; overflow-wrap: anywhere; }
        table.src td.ln { color: var(--muted); text-align: right; width: 1%; white-space: nowrap; user-select: none; }
        table.src tr.hit td.ln { color: var(--fg); font-weight: 700; }
        mark { background: #fff1a8; color: inherit; border-bottom: 2px solid #bf8700; padding: 0; }
        dl.kv { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 8px 0; }
        dl.kv dt { font-weight: 600; } dl.kv dd { margin: 0; }
        ol, ul { padding-left: 24px; }
        footer { margin-top: 40px; color: var(--muted); font-size: 13px; }
        @media print {
          main { max-width: none; padding: 0; }
          body { font-size: 11pt; }
          .scroll { overflow: visible; }
          .card, .finding, tr, table.src { break-inside: avoid; }
          h2, h3 { break-after: avoid; }
          * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        }
        """
}
