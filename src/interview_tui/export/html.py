"""HTML export: one self-contained page (no scripts, no outside files) that prints cleanly.

Every piece of user text is HTML-escaped, notes keep their line breaks and
spacing (``white-space: pre-wrap``) and take their direction from their own
text (``dir="auto"``), so right-to-left notes read correctly. A content
security policy forbids scripts and remote loads in case the file is ever
opened somewhere that trusts it.
"""

from __future__ import annotations

from html import escape

from interview_tui.export.summary import NO_NOTES, Entry, Summary, format_moment

STYLE = """
:root { color-scheme: light; }
body { font: 11pt/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif;
       color: #1a1a1a; background: #fff; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.5rem; margin: 0 0 .75rem; }
h2 { font-size: 1.15rem; margin: 1.75rem 0 .5rem; padding-bottom: .2rem; border-bottom: 1px solid #999; }
dl.header { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: 0; }
dl.header dt { font-weight: 600; }
dl.header dd { margin: 0; }
.entry { margin: 0 0 1rem; }
.label { font-weight: 600; margin: 0 0 .2rem; }
.context { font-weight: 400; color: #555; }
.note { white-space: pre-wrap; overflow-wrap: anywhere; margin: 0; }
.amended, .empty { font-style: italic; color: #555; margin: .2rem 0 0; }
@media print {
  body { margin: 0; max-width: none; font-size: 10.5pt; color: #000; }
  h2 { break-after: avoid; page-break-after: avoid; }
  .label { break-after: avoid; page-break-after: avoid; }
  .entry { break-inside: avoid-page; }
  .context, .amended, .empty { color: #333; }
  @page { margin: 18mm 16mm; }
}
""".strip()

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; form-action 'none'"


def _text(value: str) -> str:
    return escape(value, quote=True)


def _entry(entry: Entry) -> str:
    context = f'<span class="context">{_text(entry.context)}:</span> ' if entry.context else ""
    parts = [
        '<div class="entry">',
        f'<p class="label" dir="auto">{context}{_text(entry.label)}</p>',
        f'<div class="note" dir="auto">{_text(entry.text.strip(chr(10)))}</div>',
    ]
    if entry.amended_at is not None:
        parts.append(
            f'<p class="amended">Amended after the session was finished, last on '
            f"{_text(format_moment(entry.amended_at))}.</p>"
        )
    parts.append("</div>")
    return "\n".join(parts)


def render_html(summary: Summary) -> str:
    client = next((f.value for f in summary.header if f.label == "Client"), "")
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="robots" content="noindex, nofollow">',
        f"<title>{_text(summary.title)}{' – ' + _text(client) if client else ''}</title>",
        f"<style>\n{STYLE}\n</style>",
        "</head>",
        "<body>",
        f"<h1>{_text(summary.title)}</h1>",
        *(f'<p class="notice" role="alert"><strong>{_text(n)}</strong></p>' for n in summary.notices),
        '<dl class="header">',
    ]
    for field in summary.header:
        out.append(f'<dt>{_text(field.label)}</dt><dd dir="auto">{_text(field.value)}</dd>')
    out.append("</dl>")
    if not summary.sections:
        out.append(f'<p class="empty">{_text(NO_NOTES)}</p>')
    for section in summary.sections:
        out.append("<section>")
        out.append(f'<h2 dir="auto">{_text(section.title)}</h2>')
        if not section.entries:
            out.append(f'<p class="empty">{_text(section.empty_message)}</p>')
        out += [_entry(entry) for entry in section.entries]
        out.append("</section>")
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"
