"""TaskJuggler (tj3) cross-check tooling: plan generator, .tjp translator, result reader."""
