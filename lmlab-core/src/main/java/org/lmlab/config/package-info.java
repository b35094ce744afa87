/**
 * Experiment configuration: what a run is, as plain immutable data, and the one way it gets built.
 *
 * <h2>Configs are records</h2>
 *
 * <p>Every config is a Java record — sections are nested records, choices are enums, repeated things are
 * {@code List}s. Records give us immutability, value equality (so "is this the same config?" is
 * {@code equals}), and a single place to validate: the compact constructor. A record that cannot be valid
 * refuses to exist:
 *
 * <pre>{@code
 * public record ModelConfig(
 *         @Doc("Width of the residual stream") int dModel,
 *         @Doc("Attention heads; must divide d_model") int nHeads,
 *         @Doc("Normalization layer") Norm norm) {
 *     public ModelConfig {
 *         if (dModel % nHeads != 0) throw new IllegalArgumentException("d_model must be divisible by n_heads");
 *     }
 *     public static ModelConfig defaults() { return new ModelConfig(256, 4, Norm.RMSNORM); }
 *     public ModelConfig withDModel(int d) { return new ModelConfig(d, nHeads, norm); }
 * }
 * }</pre>
 *
 * <p>Changing a config means making a copy: hand-written {@code withX} methods for what code changes often (sweeps,
 * tests), {@link org.lmlab.config.Configs#withOverrides} with the same {@code key=value} strings the command line
 * takes for everything else. Each loadable top-level record declares {@code public static T defaults()}; a sweep
 * or a test starts from there rather than from a file, so the defaults are a complete, runnable config.
 *
 * <h2>How a config is built</h2>
 *
 * <ol>
 *   <li><b>Defaults.</b> {@code T.defaults()} is written out as a tree (snake_case keys, kebab-case enums).</li>
 *   <li><b>File.</b> The YAML file is deep-merged onto it: sections and maps merge key by key, scalars and lists
 *       replace. A file therefore only says what differs from the defaults. Every key is checked against the
 *       record types as it is merged, so a typo fails at its own path instead of being silently ignored.</li>
 *   <li><b>Overrides</b>, left to right, the last one winning: {@code model.d_model=256 optim.lr=3e-3}. The key
 *       path is checked like a file key; the value is read as YAML, so {@code true}, {@code 3e-3}, {@code [1, 2]},
 *       {@code {d_model: 64}} and {@code null} mean what they would in the file.</li>
 *   <li><b>Binding.</b> The merged tree becomes the record — strictly: unknown keys, {@code null} for a number,
 *       {@code 1.5} for an integer are errors; enums are matched ignoring case and '-'/'_'. Record constructors
 *       run here, so cross-field validation sees the final values.</li>
 * </ol>
 *
 * <p>The resolved config is what a run records ({@link org.lmlab.config.Configs#toYaml}); reading that file back
 * gives an equal record, which is what makes a run directory reproducible.
 *
 * <h2>Errors</h2>
 *
 * <p>Every problem with user input is a {@link org.lmlab.config.BadInputException} with a one-line message that
 * says where (file and line, or the override as typed), which key path, what was there and what is allowed — the
 * command line prints it verbatim. Jackson's multi-line messages and stack traces never reach the user:
 *
 * <pre>
 * config.yaml:3: unknown key 'model.d_modle' (allowed: d_model, n_heads, norm)
 * config.yaml:5: model.norm: 'foo' is not one of [layernorm, rmsnorm]
 * override 'optim.lr=abc': expected a number
 * override 'model.n_heads=3': model: d_model must be divisible by n_heads
 * config.yaml:7: mapping values are not allowed here
 * </pre>
 *
 * <h2>Documentation</h2>
 *
 * <p>Keys are documented with {@link org.lmlab.config.Doc} on the record component, and
 * {@link org.lmlab.config.Configs#describe} turns the record types plus their defaults into the reference the
 * command line prints — one source for code, defaults and help text.
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * # tiny.yaml — only what differs from the defaults
 * model:
 *   d_model: 128
 * optim:
 *   schedule: warmup-stable-decay
 *
 * RunConfig cfg = Configs.load(Path.of("tiny.yaml"), List.of("optim.lr=3e-3", "train.steps=100"),
 *         RunConfig.class);
 * }</pre>
 */
package org.lmlab.config;
