"""Charts drawn on the server as SVG: the same markup goes into the page and into the PDF.

Each chart carries a <title> and a <desc> (read by screen readers through aria-labelledby), and the
data table the template puts next to it. Hidden figures (small groups) are never drawn to scale:
a bar shows « < 5 » or « masqué » instead, and the hidden part of a stacked bar is one grey segment
whose size is the difference between the row's total and its visible cells (which the table shows).
"""

from dataclasses import dataclass, field
from html import escape

from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from .privacy import Figure

FONT = "DejaVu Sans, Arial, sans-serif"
WIDTH = 680
LABEL_WIDTH = 250
ROW_HEIGHT = 30
HIDDEN_FILL = "#e9ecef"
BLUE, TEAL, ORANGE, GREY, GOLD = "#1d3f8f", "#1f7a6d", "#a8461b", "#8a939c", "#8a6d00"
SERIES_COLOURS = [BLUE, TEAL, ORANGE, GOLD]
# Disagree / neutral / agree, detractors / passives / promoters.
THREE_LEVELS = [ORANGE, GREY, TEAL]


@dataclass
class Chart:
    key: str
    title: str
    description: str
    svg: str
    headers: list = field(default_factory=list)
    rows: list = field(default_factory=list)
    note: str = ""
    header_groups: list = field(default_factory=list)  # [(label, number of columns)] above the headers

    def rename(self, suffix):
        """The same chart under another key: a document holding it twice keeps unique ids."""
        for old, new in zip(_svg_ids(self.key), _svg_ids(self.key + suffix), strict=True):
            self.svg = mark_safe(self.svg.replace(f'"{old}"', f'"{new}"').replace(f" {old}", f" {new}"))
        self.key += suffix

    def _column_id(self, index):
        return f"{self.key}-colonne-{index}"

    @property
    def grouped_head(self):
        """The two header rows of a table with `header_groups`, as [(id, label, colspan, rowspan)]: a
        column under no group (empty label) has its header across both rows."""
        top, bottom, column = [], [], 0
        for index, (label, span) in enumerate(self.header_groups):
            headers = [(self._column_id(c), self.headers[c]) for c in range(column, column + span)]
            if label:
                top.append((f"{self.key}-groupe-{index}", label, span, 1))
                bottom += [(header_id, header, 1, 1) for header_id, header in headers]
            else:
                top += [(header_id, header, 1, 2) for header_id, header in headers]
            column += span
        return top, bottom

    @property
    def grouped_rows(self):
        """The rows of a table with `header_groups`, as [(row header id, label, [(cell, header ids)])]:
        with two levels of column headers, `scope` leaves assistive technologies to guess which
        headers a cell has, so each cell names its row, group and column headers (WCAG technique H43)."""
        column_groups = []
        for index, (label, span) in enumerate(self.header_groups):
            column_groups += [f"{self.key}-groupe-{index}" if label else ""] * span
        rows = []
        for number, (label, *cells) in enumerate(self.rows):
            row_id = f"{self.key}-ligne-{number}"
            rows.append(
                (
                    row_id,
                    label,
                    [
                        (cell, " ".join(filter(None, (row_id, column_groups[column], self._column_id(column)))))
                        for column, cell in enumerate(cells, start=1)
                    ],
                )
            )
        return rows

    @property
    def has_hidden(self):
        return any(isinstance(cell, Figure) and cell.hidden for row in self.rows for cell in row)


def _text(x, y, content, *, size=12, anchor="start", fill="#1e1e1e", weight="normal"):
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-family="{FONT}" font-size="{size}" text-anchor="{anchor}" '
        f'fill="{fill}" font-weight="{weight}">{escape(str(content))}</text>'
    )


def _wrap(label, width=34):
    words, lines, line = str(label).split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    if len(lines) > 2:
        lines = [lines[0], " ".join(lines[1:])[: width - 1] + "…"]
    return lines


def _label(x, y, label, *, anchor="end"):
    lines = _wrap(label)
    if len(lines) == 1:
        return _text(x, y + 4, lines[0], anchor=anchor)
    return _text(x, y - 3, lines[0], anchor=anchor, size=11) + _text(x, y + 10, lines[1], anchor=anchor, size=11)


def _svg_ids(key):
    # Apart from the "<name>-titre" ids of the pages' own headings: a chart named like the section
    # that holds it would otherwise repeat the heading's id.
    return f"{key}-graphique-titre", f"{key}-graphique-desc"


def _svg(key, title, description, height, body):
    title_id, desc_id = _svg_ids(key)
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" viewBox="0 0 {WIDTH} {height}" '
        f'width="100%" aria-labelledby="{title_id} {desc_id}" preserveAspectRatio="xMinYMin meet">'
        f'<title id="{title_id}">{escape(title)}</title><desc id="{desc_id}">{escape(description)}</desc>'
        f'<rect x="0" y="0" width="{WIDTH}" height="{height}" fill="#ffffff"/>{body}</svg>'
    )


def _legend(items, y, *, left=LABEL_WIDTH):
    """The legend from `left`, wrapped to as many lines as needed: (markup, height used)."""
    parts, x, line = [], left, 0
    for label, colour in items:
        width = 30 + 6.6 * len(str(label))
        if x + width > WIDTH and x > left:
            x, line = left, line + 1
        top = y + 18 * line
        parts.append(
            f'<rect x="{x}" y="{top - 10}" width="12" height="12" fill="{colour}" stroke="#555" stroke-width=".5"/>'
        )
        parts.append(_text(x + 17, top, label, size=11))
        x += width
    return "".join(parts), 18 * (line + 1)


def _describe(pairs):
    return " ; ".join(f"{label} : {value}" for label, value in pairs)


def bar_chart(
    *,
    key,
    title,
    categories,
    series,
    unit="",
    axis_unit=None,
    max_value=None,
    decimals=0,
    highlight=(),
    intro="",
    note="",
):
    """Horizontal bars. `categories`: [(label, [Figure per series])]; `series`: [label]. `highlight`:
    category labels drawn with a marker (e.g. the 6-8 sessions target)."""
    values = [f.value for _label_, figures in categories for f in figures if f.shown]
    top = max_value or max(values + [1])
    plot = WIDTH - LABEL_WIDTH - 70
    per_row = ROW_HEIGHT if len(series) == 1 else 18 * len(series) + 12
    body, legend_height = [], 0
    if len(series) > 1:
        legend, legend_height = _legend(list(zip(series, SERIES_COLOURS, strict=False)), 16)
        body.append(legend)
        legend_height += 6
    height = legend_height + per_row * len(categories) + 30
    for index, (label, figures) in enumerate(categories):
        y0 = legend_height + index * per_row + 6
        if label in highlight:
            body.append(f'<rect x="0" y="{y0 - 4}" width="{WIDTH}" height="{per_row}" fill="#eef6f4"/>')
        body.append(_label(LABEL_WIDTH - 8, y0 + (per_row - 12) / 2, label))
        bar_height = (per_row - 12) / len(series)
        for s, figure in enumerate(figures):
            y = y0 + s * bar_height
            colour = SERIES_COLOURS[s % len(SERIES_COLOURS)]
            if figure.shown:
                width = max(1.5, plot * float(figure.value) / float(top)) if figure.value else 0
                body.append(
                    f'<rect x="{LABEL_WIDTH}" y="{y:.1f}" width="{width:.1f}" height="{bar_height - 3:.1f}" fill="{colour}"/>'
                )
                body.append(_text(LABEL_WIDTH + width + 5, y + bar_height - 6, f"{figure}{unit}", size=11))
            elif figure.hidden:
                body.append(
                    f'<rect x="{LABEL_WIDTH}" y="{y:.1f}" width="46" height="{bar_height - 3:.1f}" fill="{HIDDEN_FILL}" '
                    f'stroke="{GREY}" stroke-dasharray="3 2"/>'
                )
                body.append(_text(LABEL_WIDTH + 51, y + bar_height - 6, str(figure), size=11, fill="#444"))
            else:
                body.append(_text(LABEL_WIDTH + 6, y + bar_height - 6, _("pas de données"), size=11, fill="#444"))
    axis_y = height - 20
    body.append(f'<line x1="{LABEL_WIDTH}" y1="{legend_height}" x2="{LABEL_WIDTH}" y2="{axis_y}" stroke="#555"/>')
    body.append(_text(LABEL_WIDTH, axis_y + 14, "0", size=10, anchor="middle", fill="#555"))
    body.append(
        _text(
            LABEL_WIDTH + plot,
            axis_y + 14,
            f"{Figure(value=top, decimals=decimals)}{unit if axis_unit is None else axis_unit}",
            size=10,
            anchor="middle",
            fill="#555",
        )
    )
    description = (
        intro
        + " "
        + _describe(
            (f"{label}" + (f" ({series[s]})" if len(series) > 1 else ""), f"{figure}{unit if figure.shown else ''}")
            for label, figures in categories
            for s, figure in enumerate(figures)
        )
    )
    headers = [""] + list(series)
    rows = [[label, *figures] for label, figures in categories]
    return Chart(
        key,
        title,
        description.strip(),
        _svg(key, title, description.strip(), height, "".join(body)),
        headers,
        rows,
        note,
    )


def stacked_bar_chart(*, key, title, rows, segments, totals, intro="", note="", total_header=None, summaries=None):
    """100 % stacked bars. `rows`: [(label, [Figure per segment])]; `totals`: [Figure per row];
    `segments`: [(label, colour)]; `summaries`: a short text per row (a mean, a score) written in
    the bar when its split is hidden. No row: a table only (no SVG)."""
    headers = [""] + [segment for segment, _colour in segments] + [total_header or _("Total")]
    table = [[label, *figures, total] for (label, figures), total in zip(rows, totals, strict=False)]
    if not rows:
        return Chart(key, title, "", "", headers, table, note)
    plot = WIDTH - LABEL_WIDTH - 20
    # The key of hidden segments only when there are some: exact counts (the engineer's pages) have none.
    hidden = any(isinstance(f, Figure) and f.hidden for _label, figures in rows for f in figures)
    legend, legend_height = _legend(segments + ([(_("masqué ou < 5"), HIDDEN_FILL)] if hidden else []), 16, left=20)
    top = legend_height + 14
    height = top + ROW_HEIGHT * len(rows) + 10
    body = [legend]
    descriptions = []
    summaries = summaries or [""] * len(rows)
    for index, ((label, figures), total) in enumerate(zip(rows, totals, strict=False)):
        y = top + index * ROW_HEIGHT
        body.append(_label(LABEL_WIDTH - 8, y + 10, label))
        if not total.shown or not total.value:
            body.append(
                f'<rect x="{LABEL_WIDTH}" y="{y}" width="{plot}" height="20" fill="{HIDDEN_FILL}" stroke="{GREY}" stroke-dasharray="3 2"/>'
            )
            body.append(
                _text(
                    LABEL_WIDTH + 8, y + 14, _("effectif %(n)s : non représenté") % {"n": total}, size=11, fill="#444"
                )
            )
            descriptions.append((label, _("effectif %(n)s") % {"n": total}))
            continue
        if not any(f.shown and f.value for f in figures):
            text = _("répartition masquée (petits effectifs)")
            if summaries[index]:
                text += " · " + summaries[index]
            body.append(
                f'<rect x="{LABEL_WIDTH}" y="{y}" width="{plot}" height="20" fill="{HIDDEN_FILL}" stroke="{GREY}" stroke-dasharray="3 2"/>'
            )
            body.append(_text(LABEL_WIDTH + 8, y + 14, text, size=11, fill="#1e1e1e"))
            descriptions.append((label, text + _(" (sur %(n)s)") % {"n": total}))
            continue
        x = LABEL_WIDTH
        visible = 0
        parts = []
        for (segment, colour), figure in zip(segments, figures, strict=False):
            parts.append(f"{segment} {figure}")
            if not figure.shown or not figure.value:
                continue
            width = plot * figure.value / total.value
            visible += figure.value
            body.append(f'<rect x="{x:.1f}" y="{y}" width="{width:.1f}" height="20" fill="{colour}"/>')
            if width > 34:
                percent = round(100 * figure.value / total.value)
                text_fill = "#1e1e1e" if colour == GREY else "#ffffff"
                body.append(
                    _text(
                        x + width / 2, y + 14, f"{percent} %", size=11, anchor="middle", fill=text_fill, weight="bold"
                    )
                )
            x += width
        rest = total.value - visible
        if rest > 0:
            width = plot * rest / total.value
            body.append(
                f'<rect x="{x:.1f}" y="{y}" width="{width:.1f}" height="20" fill="{HIDDEN_FILL}" stroke="{GREY}" stroke-dasharray="3 2"/>'
            )
        descriptions.append((label, ", ".join(parts) + _(" (sur %(n)s)") % {"n": total}))
    description = (intro + " " + _describe(descriptions)).strip()
    return Chart(key, title, description, _svg(key, title, description, height, "".join(body)), headers, table, note)


def funnel_chart(*, key, title, stages, intro="", note="", headers=None, extra_columns=None):
    """Centred bars narrowing from stage to stage. `stages`: [(label, Figure)]; `extra_columns`: more
    table columns per stage (e.g. the mentors), with their `headers`."""
    values = [figure.value for _label_, figure in stages if figure.shown]
    top = max(values + [1])
    plot = WIDTH - LABEL_WIDTH - 20
    centre = LABEL_WIDTH + plot / 2
    height = ROW_HEIGHT * len(stages) + 10
    body = []
    for index, (label, figure) in enumerate(stages):
        y = 5 + index * ROW_HEIGHT
        body.append(_label(LABEL_WIDTH - 8, y + 11, label))
        if figure.shown:
            width = max(2, plot * figure.value / top) if figure.value else 2
            body.append(
                f'<rect x="{centre - width / 2:.1f}" y="{y}" width="{width:.1f}" height="22" fill="{BLUE}" rx="2"/>'
            )
            inside = width > 60
            body.append(
                _text(
                    centre if inside else centre + width / 2 + 6,
                    y + 15,
                    str(figure),
                    size=12,
                    anchor="middle" if inside else "start",
                    fill="#ffffff" if inside else "#1e1e1e",
                    weight="bold",
                )
            )
        else:
            body.append(
                f'<rect x="{centre - 30:.1f}" y="{y}" width="60" height="22" fill="{HIDDEN_FILL}" stroke="{GREY}" stroke-dasharray="3 2"/>'
            )
            body.append(_text(centre, y + 15, str(figure), size=12, anchor="middle", fill="#444"))
    description = (intro + " " + _describe(stages)).strip()
    table = [
        [label, figure, *(extra_columns[index] if extra_columns else [])]
        for index, (label, figure) in enumerate(stages)
    ]
    return Chart(
        key, title, description, _svg(key, title, description, height, "".join(body)), headers or ["", ""], table, note
    )
