"""The command palette's provider: every installed action, by name and summary."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

__all__ = ["ActionCommands"]


class ActionCommands(Provider):
    def _specs(self):
        return sorted(self.app.session.catalog.actions, key=lambda s: s.name)

    async def discover(self) -> Hits:
        for spec in self._specs():
            yield DiscoveryHit(spec.name, partial(self.app.describe_action, spec.name), help=spec.summary)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for spec in self._specs():
            score = matcher.match(f"{spec.name} {spec.summary}")
            if score > 0:
                yield Hit(score, matcher.highlight(spec.name), partial(self.app.describe_action, spec.name),
                          help=spec.summary)
