"""Named registries for the pluggable parts (encoders, entity recognisers, stores, clusterers)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from samestory.errors import ConfigError

T = TypeVar("T")


class Registry(Generic[T]):
    """Maps a name to a factory; an unknown name is a ``ConfigError`` listing the known ones."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self._factories: dict[str, Callable[..., T]] = {}

    def register(self, name: str) -> Callable[[Callable[..., T]], Callable[..., T]]:
        """Decorator: register ``factory`` under ``name``."""

        def deco(factory: Callable[..., T]) -> Callable[..., T]:
            if name in self._factories:
                raise ConfigError(f"{self.kind} {name!r} is already registered")
            self._factories[name] = factory
            return factory

        return deco

    def create(self, name: str, **kwargs: object) -> T:
        """Build the component registered as ``name``."""
        try:
            factory = self._factories[name]
        except KeyError:
            known = ", ".join(sorted(self._factories)) or "none"
            raise ConfigError(f"unknown {self.kind} {name!r}; known: {known}") from None
        return factory(**kwargs)

    def names(self) -> list[str]:
        return sorted(self._factories)

    def __contains__(self, name: object) -> bool:
        return name in self._factories
