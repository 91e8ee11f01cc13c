"""The report as plain text, for a terminal or a cron mail."""
from __future__ import annotations

from typing import List, Sequence, Tuple

from bot.report.figures import KINDS, Report
from bot.report.page import KIND_TITLES, _fmt


def _rows(rows: Sequence[Tuple[str, int]], limit: int = 20) -> List[str]:
    rows = list(rows)[:limit]
    return [f"  {n:>5}  {label}" for label, n in rows] or ["  (geen)"]


def render(report: Report) -> str:
    lines = [f"kwalibot-rapport: {_fmt(report.since)} tot {_fmt(report.until)} ({report.days:g} dagen)",
             f"{report.messages} berichten in {report.conversations} gesprekken", "", "Berichten per dag:"]
    lines += _rows(list(report.per_day.items()), limit=400)
    lines += ["", "Berichten per kanaal:", *_rows(list(report.per_channel.items())), "",
              "Meest voorkomende intents:", *_rows(report.intents)]
    for kind in KINDS:
        lines += ["", f"{KIND_TITLES[kind][0]} ({report.unanswered_count(kind)}):"]
        lines += [f"  {g.count:>5}  {g.example}" + (f"   (ook: {' | '.join(g.variants[:3])})" if g.variants else "")
                  for g in report.unanswered.get(kind, [])] or ["  (geen)"]
    lines += ["", "Meest gevraagde kwalificaties:", *_rows(report.kwalificaties), "",
              "Gekozen knoppen na een wedervraag:", *_rows(report.buttons)]
    return "\n".join(lines) + "\n"
