package io.vigil.archfixture.domain;

/** Fixture: a shared domain value any capability may use. */
public record Value(int n) {}
