package dev.trainyard.assets.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

class RetryAfterStrategyTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T01:00:00Z"), ZoneOffset.UTC);

  @Test
  void theHintComesFromTheServiceErrorsResponse() {
    S3Exception throttled = (S3Exception) S3Exception.builder()
        .statusCode(503)
        .awsErrorDetails(AwsErrorDetails.builder()
            .errorCode("SlowDown")
            .sdkHttpResponse(SdkHttpResponse.builder().statusCode(503).putHeader("Retry-After", " 9 ").build())
            .build())
        .build();

    assertThat(RetryAfterStrategy.retryAfter(throttled, CLOCK)).contains(Duration.ofSeconds(9));
    assertThat(RetryAfterStrategy.retryAfter(new IllegalStateException("reset"), CLOCK)).isEmpty();
  }
}
