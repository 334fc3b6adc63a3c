"""Charts for the HTML page, built only when a template asks for them."""

from __future__ import annotations

from functools import cached_property
from typing import Any

from markupsafe import Markup


class Charts:
    """Lazy access to every chart of a plan page; each is inline SVG (or Mermaid text).

    `gantt`, `risk_matrix` and `loading` are SVG `Markup`; `kpi(objective)` draws one KPI bar;
    `mermaid_gantt` is the text of a Mermaid `gantt` block for Markdown.
    """

    def __init__(self, context: dict[str, Any]) -> None:
        self._context = context

    @cached_property
    def gantt(self) -> Markup:
        from planctl.render.charts.gantt import gantt_svg

        c = self._context
        return gantt_svg(c["phases"], c["tasks"], c["schedule"], c["gantt_mode"])

    @cached_property
    def risk_matrix(self) -> Markup:
        from planctl.render.charts.heatmap import heatmap_svg

        return heatmap_svg(self._context["risk_matrix"])

    @cached_property
    def loading(self) -> Markup:
        from planctl.render.charts.loading import loading_svg

        return loading_svg(self._context["resources"])

    def kpi(self, objective: Any) -> Markup:
        from planctl.render.charts.kpi import kpi_svg

        return kpi_svg(objective)

    @cached_property
    def mermaid_gantt(self) -> Markup:
        from planctl.render.mermaid import mermaid_gantt

        c = self._context
        return mermaid_gantt(c["plan"].name, c["phases"], c["gantt_mode"])
