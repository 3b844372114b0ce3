package dev.trainyard.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretsTest {
  @Test
  void secretNamedVariablesAndFlagsAreMaskedWithTheirWireForms() {
    Secrets secrets = Secrets.of(Map.of("GITHUB_TOKEN", "ghs_envToken123", "INPUT_BUGZILLA-API-KEY", "bz_key_0987",
            "AWS_SECRET_ACCESS_KEY", "aws/secret+value", "AWS_ACCESS_KEY_ID", "AKIAIDENTITY", "HOME", "/root",
            "GOOGLE_APPLICATION_CREDENTIALS", "/tmp/creds.json"),
        "verify-ci", "--token", "ghp_flagToken456", "--other-token=tok_equals_789", "--ref", "main");
    String basic = Base64.getEncoder().encodeToString("x-access-token:ghs_envToken123".getBytes(StandardCharsets.UTF_8));

    String cleaned = secrets.clean("a ghs_envToken123 b ghp_flagToken456 c tok_equals_789 d bz_key_0987 e "
        + "aws/secret+value f aws%2Fsecret%2Bvalue g Basic " + basic + " h AKIAIDENTITY /root /tmp/creds.json");

    assertThat(cleaned).isEqualTo("a *** b *** c *** d *** e *** f *** g Basic *** h AKIAIDENTITY /root /tmp/creds.json");
  }

  @Test
  void namesAreSecretByTheirWordsWhateverTheCaseAndSeparators() {
    assertThat(List.of("GITHUB_TOKEN", "bugzilla-api-key", "INPUT_API_KEY", "APIKEY", "DB_PASSWORD", "smtp_passwd",
        "SSH_PRIVATE_KEY", "AWS_SECRET_ACCESS_KEY", "MY_ACCESS_KEY", "access-key", "GCS_CREDENTIALS_JSON",
        "credential-json", "ACCESS_KEY_ID_AND_ACCESS_KEY"))
        .allSatisfy(name -> assertThat(Secrets.isSecretName(name)).as(name).isTrue());
    assertThat(List.of("AWS_ACCESS_KEY_ID", "access-key-id", "HOME", "GITHUB_REPOSITORY", "KEYCHAIN", "ACCESS_LOG",
        "GOOGLE_APPLICATION_CREDENTIALS", "INPUT_GOOGLE_APPLICATION_CREDENTIALS", "ACTIONS_ID_TOKEN_REQUEST_URL",
        "GITHUB_TOKEN_PERMISSIONS", "AWS_WEB_IDENTITY_TOKEN_FILE"))
        .allSatisfy(name -> assertThat(Secrets.isSecretName(name)).as(name).isFalse());
  }

  @Test
  void theActionsWorkflowTokenFlagAndBooleanWordsAreNotSecrets() {
    // action.yml sets TRAINYARD_WORKFLOW_TOKEN to "true" or "false"; masking that blanked every
    // boolean in --json and in the step outputs.
    Secrets secrets = Secrets.of(Map.of("TRAINYARD_WORKFLOW_TOKEN", "true", "INPUT_API_TOKEN", "false",
        "GITHUB_TOKEN", "ghs_realToken123"));

    assertThat(secrets.clean("{\"createsBranch\" : true, \"patch\" : false, \"t\" : \"ghs_realToken123\"}"))
        .isEqualTo("{\"createsBranch\" : true, \"patch\" : false, \"t\" : \"***\"}");
  }

  @Test
  void eachLineOfAMultiLineSecretIsMaskedAndShortValuesAreNot() {
    Secrets secrets = new Secrets();
    secrets.add("-----BEGIN KEY-----\nMIIBlineTwoSecret\n-----END KEY-----");
    secrets.add("abc");

    assertThat(secrets.clean("x MIIBlineTwoSecret y abc")).isEqualTo("x *** y abc");
  }

  @Test
  void controlCharactersBecomeVisible() {
    assertThat(new Secrets().clean("red \u001b[31mtext\u0007 tab\tok\r\n")).isEqualTo("red \u241b[31mtext\u2407 tab\tok\r\n");
  }

  @Test
  void theWriterMasksASecretWrittenInPiecesAndLetsOnlyAddMaskThrough() {
    Secrets secrets = new Secrets();
    secrets.add("ghs_pieces_secret");
    StringWriter target = new StringWriter();
    MaskingWriter.Masked out = MaskingWriter.printWriter(target, secrets);

    out.print("token: ghs_pie");
    out.print("ces_sec");
    out.println("ret!");
    out.printlnUnmasked("::add-mask::ghs_pieces_secret");
    out.print("progress \u001b]0;title\u0007");
    out.flush();

    assertThat(target.toString()).isEqualTo("token: ***!" + System.lineSeparator()
        + "::add-mask::ghs_pieces_secret" + System.lineSeparator() + "progress \u241b]0;title\u2407");
    assertThatThrownBy(() -> out.printlnUnmasked("ghs_pieces_secret")).isInstanceOf(IllegalArgumentException.class);
  }
}
