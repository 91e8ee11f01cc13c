"""The report as one self-contained Dutch HTML page for a staff member: inline CSS and SVG charts.

Nothing is loaded from elsewhere (no script, font or stylesheet from a CDN), so the file can be
mailed or opened offline; every text from the tracker store is HTML-escaped.
"""
from __future__ import annotations

from datetime import datetime
from html import escape
from typing import Sequence, Tuple

from bot.report.figures import APOLOGY, FALLBACK, KINDS, NOT_STATED, TIMEZONE, Report

KIND_TITLES = {
    FALLBACK: ("Vragen die kwalibot niet begreep",
               "kwalibot herkende de vraag niet of vond er niets over. Misschien ontbreekt een manier van vragen."),
    NOT_STATED: ("Vragen waarvan het antwoord niet in het dossier staat",
                 "kwalibot begreep de vraag, maar het dossier zegt er niets over. Misschien hoort dit op de website."),
    APOLOGY: ("Vragen waarbij iets misging",
              "kwalibot bood zijn excuses aan omdat er een fout optrad. Meld dit aan de beheerder."),
}
# Rasa's input channel names (the channels' name()) as staff know them; an unknown one shows as it is.
CHANNEL_NAMES = {"socketio": "chat op de website", "rest": "REST-koppeling", "slack": "Slack",
                 "botframework": "Microsoft Teams"}
CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;background:#f5f6f8;color:#1d2330}
main{max-width:960px;margin:0 auto;padding:24px}
h1{font-size:1.7rem;margin:0 0 4px}h2{font-size:1.25rem;margin:0 0 8px}
.sub{color:#4a5263;margin:0 0 20px}
section{background:#fff;border-radius:10px;padding:18px 20px;margin:0 0 18px;box-shadow:0 1px 3px #0002}
.tiles{display:flex;gap:14px;flex-wrap:wrap}
.tile{flex:1;min-width:150px;background:#fff;border-radius:10px;padding:14px 18px;box-shadow:0 1px 3px #0002}
.tile b{display:block;font-size:2rem;color:#1f5fa8}
table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:5px 8px;border-bottom:1px solid #e3e6ec}
td.n{text-align:right;width:5em;font-variant-numeric:tabular-nums}
.note{color:#4a5263;font-size:.92rem}.variants{color:#4a5263;font-size:.88rem}
svg text{font-family:inherit;font-size:12px;fill:#1d2330}
"""


def _fmt(timestamp: float) -> str:
    return datetime.fromtimestamp(timestamp, TIMEZONE).strftime("%d-%m-%Y %H:%M")


def columns(values: Sequence[Tuple[str, int]], title: str, width: int = 900, height: int = 220) -> str:
    """A column chart (one column per day) as inline SVG, with its figures as text for screen readers."""
    if not values:
        return "<p class=note>Geen gegevens in deze periode.</p>"
    top = max(n for _, n in values) or 1
    step = (width - 40) / len(values)
    bar = max(4.0, step * 0.7)
    parts = [f'<svg role="img" aria-label="{escape(title)}" viewBox="0 0 {width} {height + 40}" width="100%">',
             f"<title>{escape(title)}</title>",
             f'<line x1="30" y1="{height}" x2="{width}" y2="{height}" stroke="#9aa3b2"/>']
    for i, (label, n) in enumerate(values):
        h = (height - 24) * n / top
        x = 34 + i * step
        parts.append(f'<rect x="{x:.1f}" y="{height - h:.1f}" width="{bar:.1f}" height="{h:.1f}" fill="#1f5fa8" rx="2">'
                     f"<title>{escape(label)}: {n}</title></rect>")
        parts.append(f'<text x="{x + bar / 2:.1f}" y="{height - h - 4:.1f}" text-anchor="middle">{n}</text>')
        parts.append(f'<text x="{x + bar / 2:.1f}" y="{height + 16}" text-anchor="middle">{escape(label)}</text>')
    return "".join(parts) + "</svg>"


def bars(values: Sequence[Tuple[str, int]], title: str, width: int = 900, limit: int = 10) -> str:
    """A horizontal bar chart as inline SVG: one labelled bar per value, the largest first."""
    values = list(values)[:limit]
    if not values:
        return "<p class=note>Geen gegevens in deze periode.</p>"
    top = max(n for _, n in values) or 1
    row, label_width = 26, 300
    parts = [f'<svg role="img" aria-label="{escape(title)}" viewBox="0 0 {width} {row * len(values) + 6}" width="100%">',
             f"<title>{escape(title)}</title>"]
    for i, (label, n) in enumerate(values):
        y = i * row + 4
        w = (width - label_width - 50) * n / top
        shown = label if len(label) <= 42 else label[:41] + "…"
        parts.append(f'<text x="{label_width - 8}" y="{y + 15}" text-anchor="end">{escape(shown)}</text>')
        parts.append(f'<rect x="{label_width}" y="{y}" width="{w:.1f}" height="{row - 8}" fill="#2f8f6f" rx="2">'
                     f"<title>{escape(label)}: {n}</title></rect>")
        parts.append(f'<text x="{label_width + w + 6:.1f}" y="{y + 15}">{n}</text>')
    return "".join(parts) + "</svg>"


def _table(rows: Sequence[Tuple[str, int]], head: str) -> str:
    if not rows:
        return ""
    body = "".join(f"<tr><td>{escape(label)}</td><td class=n>{n}</td></tr>" for label, n in rows)
    return f"<table><thead><tr><th>{escape(head)}</th><th class=n>Aantal</th></tr></thead><tbody>{body}</tbody></table>"


def _unanswered(report: Report, kind: str) -> str:
    title, note = KIND_TITLES[kind]
    groups = report.unanswered.get(kind, [])
    if not groups:
        rows = "<p class=note>Geen in deze periode.</p>"
    else:
        rows = "<table><thead><tr><th>Vraag (vergelijkbare vragen samengenomen)</th><th class=n>Aantal</th></tr></thead><tbody>"
        for g in groups:
            more = (f'<div class=variants>ook: {escape(" · ".join(g.variants[:3]))}'
                    f'{" …" if len(g.variants) > 3 else ""}</div>') if g.variants else ""
            rows += f"<tr><td>{escape(g.example)}{more}</td><td class=n>{g.count}</td></tr>"
        rows += "</tbody></table>"
    return f"<section><h2>{escape(title)} ({report.unanswered_count(kind)})</h2><p class=note>{escape(note)}</p>{rows}</section>"


def render(report: Report) -> str:
    days = [(day[8:10] + "-" + day[5:7], n) for day, n in report.per_day.items()]
    unanswered = sum(report.unanswered_count(kind) for kind in KINDS)
    period = f"{_fmt(report.since)} tot {_fmt(report.until)} (Nederlandse tijd), de laatste {report.days:g} dagen"
    return f"""<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>kwalibot: rapport voor medewerkers</title><style>{CSS}</style></head>
<body><main>
<h1>Wat vragen studenten aan kwalibot?</h1>
<p class=sub>{escape(period)}. Anoniem: er staan geen namen of gebruikers in, en persoonsgegevens in vragen zijn vervangen.</p>
<div class=tiles>
<div class=tile><b>{report.messages}</b>berichten van studenten</div>
<div class=tile><b>{report.conversations}</b>gesprekken</div>
<div class=tile><b>{unanswered}</b>vragen zonder antwoord</div>
<div class=tile><b>{sum(n for _, n in report.buttons)}</b>keuzes via een knop</div>
</div><br>
<section><h2>Berichten per dag</h2>{columns(days, "Berichten per dag")}</section>
<section><h2>Berichten per kanaal</h2><p class=note>Waar de berichten binnenkwamen (bijvoorbeeld de chat op de website, Slack of Teams).</p>
{bars([(CHANNEL_NAMES.get(c, c), n) for c, n in report.per_channel.items()], "Berichten per kanaal")}</section>
{"".join(_unanswered(report, kind) for kind in KINDS)}
<section><h2>Kwalificaties waar het vaakst naar gevraagd werd</h2>{bars(report.kwalificaties, "Kwalificaties")}
{_table(report.kwalificaties[10:], "Overige kwalificaties")}</section>
<section><h2>Gekozen knoppen na een wedervraag</h2><p class=note>Als een vraag niet duidelijk genoeg was, vroeg kwalibot welke kwalificatie of welk dossier bedoeld werd; dit kozen studenten.</p>
{_table(report.buttons, "Gekozen")}</section>
<section><h2>Soorten vragen</h2><p class=note>Hoe kwalibot de berichten indeelde (technische namen).</p>{bars(report.intents, "Soorten vragen")}</section>
</main></body></html>
"""
