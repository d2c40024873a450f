/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * README's examples as compiled code: each class runs on its own ({@code main}, with the server URI as argument)
 * and is run by {@code ExamplesTest} against the Node.js {@code ws} echo server. The code between
 * {@code // tag::name[]} and {@code // end::name[]} is what README shows, and {@code ReadmeExamplesTest} fails if
 * README's copy differs, so README's examples cannot rot.
 */
package io.jetsocket.examples;
