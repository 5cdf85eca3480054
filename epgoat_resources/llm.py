"""The Claude fallback of the matching chain as a Dagster resource: off, or Claude over the Messages API.

The API key arrives through the resource field (the lead sets `dagster.EnvVar("ANTHROPIC_API_KEY")`),
so it is never written into code, config or run metadata; the field is kept out of repr, and the
resolver scrubs it from anything it logs.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import dagster as dg
from pydantic import Field

from epgoat_assets.lib.models import Event

if TYPE_CHECKING:
    # The resolver's module imports the anthropic SDK (~2.5 s here): imported when a resolver is
    # built, not with the definitions every run worker and code server loads.
    from epgoat_assets.lib.matching.llm import ClaudeResolver

log = logging.getLogger(__name__)


class LLMResource(dg.ConfigurableResource):
    """Base: hands the matcher a resolver for one run's events, or None when the fallback is off."""

    def resolver(self, events: list[Event], *, run_label: str) -> ClaudeResolver | None:  # pragma: no cover
        raise NotImplementedError


class LLMOff(LLMResource):
    """No LLM: the chain ends at the live API lookup."""

    def resolver(self, events: list[Event], *, run_label: str) -> ClaudeResolver | None:
        return None


class ClaudeLLM(LLMResource):
    """Claude (a Haiku-class model) resolves the channels no cheaper handler could settle."""

    api_key: str = Field(repr=False, description="Anthropic API key; set it with dagster.EnvVar('ANTHROPIC_API_KEY').")
    model: str | None = Field(default=None, description="Messages API model id; unset = the resolver's "
                                                         "default (a Haiku-class model).")
    max_calls: int = Field(default=200, ge=0, description="Messages API calls allowed per run.")
    max_input_tokens: int = Field(default=400_000, ge=0,
                                  description="Prompt tokens (uncached + cache read + cache write) allowed per run.")
    base_url: str | None = Field(default=None, description="API base URL; None = the SDK default.")
    timeout_s: float = Field(default=20.0, gt=0, description="Per-request timeout in seconds.")
    max_retries: int = Field(default=2, ge=0, description="The SDK's own retries (429, 5xx, timeouts).")
    min_confidence: float = Field(default=0.7, ge=0.0, le=1.0, description="Answers below this are ignored.")

    def resolver(self, events: list[Event], *, run_label: str) -> ClaudeResolver | None:
        key = (self.api_key or "").strip()
        if not key:
            log.info("llm[%s]: no API key set, Claude fallback off", run_label)
            return None
        import anthropic

        from epgoat_assets.lib.matching.llm import DEFAULT_MODEL, ClaudeResolver

        client = anthropic.Anthropic(
            api_key=key,
            base_url=self.base_url or None,
            timeout=self.timeout_s,
            max_retries=self.max_retries,
        )
        return ClaudeResolver(
            client,
            events,
            model=self.model or DEFAULT_MODEL,
            max_calls=self.max_calls,
            max_input_tokens=self.max_input_tokens,
            min_confidence=self.min_confidence,
            run_label=run_label,
            secret=key,
        )
