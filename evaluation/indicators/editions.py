"""Editions side by side (SPEC §9): a few figures of each edition, read from that edition's own
indicators (`indicators_cached`) so that they are the very figures its page publishes, hidden alike
by the small-group rule; the totals over the editions go through `privacy.total_of`."""

from django.utils.translation import gettext as _

from .. import charts, privacy
from ..enums import Audience
from . import Scope, _latest, indicators_cached

PANEL_TITLE_HEIGHT = 26
BAR_HEIGHT = 22


def _survey_figure(rows, audience, name):
    _label, block = _latest(rows, audience)
    return block[name] if block is not None else privacy.MISSING


def _edition_figures(ind):
    funnel, pairs, surveys = ind["funnel"], ind["pairs"], ind["surveys"]
    exact = ind["scope"].exact_counts
    return [
        privacy.total_of([funnel["mentees"]["applied"], funnel["mentors"]["applied"]], exact=exact),
        pairs["count"],
        privacy.share(pairs["completed"], pairs["count"]),
        pairs["sessions_mean"],
        _survey_figure(surveys["satisfaction"], Audience.MENTEE, "mean"),
        _survey_figure(surveys["satisfaction"], Audience.MENTOR, "mean"),
        _survey_figure(surveys["nps"], Audience.MENTEE, "score"),
        _survey_figure(surveys["nps"], Audience.MENTOR, "score"),
    ]


def editions_compare(programmes, *, organisation_ids=None, exact_counts=False):
    """{"chart": the comparison's chart and table, "editions": [(programme, [Figure])]} for
    `programmes` in the order given, over the HR referent's organisations when `organisation_ids`.
    `exact_counts`: the engineer's page, whose counts of applications and pairs are exact (`Scope`)."""
    editions = [
        (
            programme,
            _edition_figures(
                indicators_cached(Scope(programme, organisation_ids=organisation_ids, exact_counts=exact_counts))
            ),
        )
        for programme in programmes
    ]
    headers = [
        _("Édition"),
        _("Candidatures (mentorés et mentors)"),
        _("Binômes formés"),
        _("Part des binômes menés à leur terme"),
        _("Séances par binôme démarré"),
        _("Satisfaction des mentorés"),
        _("Satisfaction des mentors"),
        _("NPS des mentorés"),
        _("NPS des mentors"),
    ]
    rows = [[programme.name, *figures] for programme, figures in editions]
    if len(editions) > 1:
        totals = [
            privacy.total_of([figures[column] for _p, figures in editions], exact=exact_counts) for column in (0, 1)
        ]
        rows.append([_("Toutes éditions"), *totals, *[privacy.MISSING] * (len(headers) - 3)])
    panels = [
        (headers[1], None),
        (headers[2], None),
        (_("Binômes menés à leur terme, en part des binômes formés"), 100),
        (headers[4], None),
        (_("Satisfaction des mentorés, sur 5"), 5),
        (_("Satisfaction des mentors, sur 5"), 5),
        (_("NPS des mentorés, de -100 à +100"), 100),
        (_("NPS des mentors, de -100 à +100"), 100),
    ]
    title = _("Les éditions côte à côte")
    intro = _("Pour chaque édition, de la plus ancienne à la plus récente.")
    chart = charts.Chart(
        "editions",
        title,
        "",
        "",
        headers,
        rows,
        note=_(
            "Satisfaction (moyenne sur 5) et NPS : le questionnaire le plus récent auquel chaque public a répondu. "
            "Binômes menés à leur terme : en part des binômes formés, une édition en cours en compte encore peu. "
            "Un total de toutes les éditions est masqué dès qu'une édition y est masquée : sinon, ce chiffre se "
            "retrouverait par différence."
        ),
    )
    names = [programme.name for programme, _f in editions]
    columns = [[figures[index] for _p, figures in editions] for index in range(len(panels))]
    chart.description, chart.svg = _panels_svg(chart.key, title, intro, names, list(zip(panels, columns, strict=True)))
    return {"chart": chart, "editions": editions}


def _panels_svg(key, title, intro, names, panels):
    """One panel per figure, one bar per edition on the panel's own scale (from its lowest value or
    zero: an NPS may be negative). Hidden figures are drawn as « < 5 » or « masqué », never to scale."""
    body, descriptions, y = [], [], 6
    plot = charts.WIDTH - charts.LABEL_WIDTH - 80
    for (panel_title, top), figures in panels:
        body.append(charts._text(10, y + 16, panel_title, size=13, weight="bold"))
        y += PANEL_TITLE_HEIGHT
        values = [float(f.value) for f in figures if f.shown]
        low = min([0.0, *values])
        if top is not None and low < 0:
            low = -float(top)
        high = max([float(top or 0), *values, 1.0])
        zero = charts.LABEL_WIDTH + plot * (0 - low) / (high - low)
        for name, figure in zip(names, figures, strict=True):
            body.append(charts._label(charts.LABEL_WIDTH - 8, y + 8, name))
            if figure.shown:
                end = charts.LABEL_WIDTH + plot * (float(figure.value) - low) / (high - low)
                left, width = min(zero, end), max(abs(end - zero), 1.5)
                body.append(
                    f'<rect x="{left:.1f}" y="{y}" width="{width:.1f}" height="{BAR_HEIGHT - 6}" fill="{charts.BLUE}"/>'
                )
                body.append(charts._text(max(zero, end) + 5, y + 12, str(figure), size=11))
            elif figure.hidden:
                body.append(
                    f'<rect x="{charts.LABEL_WIDTH}" y="{y}" width="46" height="{BAR_HEIGHT - 6}" '
                    f'fill="{charts.HIDDEN_FILL}" stroke="{charts.GREY}" stroke-dasharray="3 2"/>'
                )
                body.append(charts._text(charts.LABEL_WIDTH + 51, y + 12, str(figure), size=11, fill="#444"))
            else:
                body.append(charts._text(charts.LABEL_WIDTH + 6, y + 12, _("pas de données"), size=11, fill="#444"))
            descriptions.append((f"{panel_title}, {name}", figure))
            y += BAR_HEIGHT
        body.append(
            f'<line x1="{zero:.1f}" y1="{y - BAR_HEIGHT * len(names)}" x2="{zero:.1f}" y2="{y}" stroke="#555"/>'
        )
        y += 10
    description = (intro + " " + charts._describe(descriptions)).strip()
    return description, charts._svg(key, title, description, y, "".join(body))
