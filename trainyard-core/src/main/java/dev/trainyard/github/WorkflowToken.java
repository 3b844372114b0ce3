package dev.trainyard.github;

import java.util.Map;

/**
 * Whether the token trainyard acts with is the workflow's own {@code GITHUB_TOKEN}. GitHub starts no
 * workflow run for events caused by that token (pushes, pull requests, published releases); only
 * {@code workflow_dispatch} and {@code repository_dispatch} are exempt. So a tag pushed with it never
 * starts an {@code on: push: tags} workflow, and a pull request opened with it gets no checks.
 *
 * <p>The CLI cannot compare tokens itself: the runner gives a container action only what
 * {@code action.yml} passes. The action compares its {@code token} input with {@code github.token}
 * and passes the answer as {@value #VARIABLE} ({@code true} or {@code false}); outside the action
 * a workflow may set it too.
 */
public final class WorkflowToken {
  /** {@code true} when the token in use is the workflow's own {@code GITHUB_TOKEN}. */
  public static final String VARIABLE = "TRAINYARD_WORKFLOW_TOKEN";

  private WorkflowToken() {}

  /** True when the runner's variables say the token is the workflow's own. */
  public static boolean inUse(Map<String, String> env) {
    String value = env.get(VARIABLE);
    return value != null && value.strip().equalsIgnoreCase("true");
  }

  /** The fix, as the end of a warning: where a token whose events start workflows comes from. */
  public static String fix() {
    return "pass a GitHub App installation token (actions/create-github-app-token) or a fine-grained token from a"
        + " secret as the action's 'token', or hand over explicitly (workflow_call, or a workflow_dispatch /"
        + " repository_dispatch event); see README 'Workflows that chain'";
  }
}
