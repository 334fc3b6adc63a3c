"""Charts for the HTML page, built only when a template asks for them."""

from __future__ import annotations

from functools import cached_property
from typing import Any

from markupsafe import Markup

from planctl.render.plain import Lazy, Record, freeze


class Charts:
    """Lazy access to every chart of a plan page; each is inline SVG (or Mermaid text).

    `gantt`, `risk_matrix`, `loading`, `forecast_curve` and `forecast_tornado` are SVG
    `Markup` (the forecast charts empty without a forecast); `mermaid_gantt` is the text of a
    Mermaid `gantt` block for Markdown. Templates see them through `as_record()`.
    """

    def __init__(self, context: dict[str, Any]) -> None:
        self._context = context

    @cached_property
    def gantt(self) -> Markup:
        from planctl.render.charts.gantt import gantt_svg

        c = self._context
        return gantt_svg(c["phases"], c["tasks"], c["schedule"], c["gantt_mode"],
                         baseline=c.get("variance"))

    @cached_property
    def risk_matrix(self) -> Markup:
        from planctl.render.charts.heatmap import heatmap_svg

        return heatmap_svg(self._context["risk_matrix"])

    @cached_property
    def loading(self) -> Markup:
        from planctl.render.charts.loading import loading_svg

        return loading_svg(self._context["resources"])


    @cached_property
    def forecast_curve(self) -> Markup:
        from planctl.render.charts.forecast import s_curve_svg

        view = self._context.get("forecast")
        return s_curve_svg(view) if view is not None else Markup("")

    @cached_property
    def forecast_tornado(self) -> Markup:
        from planctl.render.charts.forecast import tornado_svg

        view = self._context.get("forecast")
        return tornado_svg(view.drivers) if view is not None else Markup("")

    @cached_property
    def mermaid_gantt(self) -> Markup:
        from planctl.render.mermaid import mermaid_gantt

        c = self._context
        return mermaid_gantt(c["plan"].name, c["phases"], c["gantt_mode"])

    def as_record(self) -> Record:
        """The charts as templates receive them: read-only fields, each drawn on first use,
        and `kpi`, the plain function that draws one objective's KPI bar (`charts.kpi(o)`)."""
        from planctl.render.charts.kpi import kpi_svg

        return Record({
            "gantt": Lazy(lambda: self.gantt),
            "risk_matrix": Lazy(lambda: self.risk_matrix),
            "loading": Lazy(lambda: self.loading),
            "mermaid_gantt": Lazy(lambda: freeze(self.mermaid_gantt)),
            "forecast_curve": Lazy(lambda: self.forecast_curve),
            "forecast_tornado": Lazy(lambda: self.forecast_tornado),
            "kpi": kpi_svg,
        })
