package dev.txcheck.rules;

import static com.google.common.truth.Truth.assertThat;

import dev.txcheck.finding.Finding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The catalog knows the cloud SDKs applications upload files and send SMS with: each call is an
 * HTTP round trip, which a transaction should not wait on (TX008). No fixture compiles against
 * these SDKs, so the sources are analysed as text.
 */
class CloudClientsInTransactionTest {
  @TempDir Path dir;

  private List<String> tx008Lines(String clientType, String call, String annotation)
      throws Exception {
    Files.writeString(
        dir.resolve("AvatarService.java"),
        """
        import org.springframework.jdbc.core.JdbcTemplate;
        import org.springframework.transaction.annotation.Transactional;

        public class AvatarService {
          JdbcTemplate jdbcTemplate;
          %s client;

          %s
          public void replace(long userId, byte[] image) {
            jdbcTemplate.update("update users set avatar_version = avatar_version + 1 where id = ?", userId);
            %s;
          }
        }
        """
            .formatted(clientType, annotation, call));
    List<Finding> findings = SourceAnalysis.findingsIn(dir);
    return findings.stream()
        .filter(f -> f.ruleId().equals("TX008"))
        .map(f -> f.line() + ": " + f.message())
        .toList();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "software.amazon.awssdk.services.s3.S3Client | client.putObject(null, null)",
        "com.amazonaws.services.s3.AmazonS3Client | client.putObject(\"avatars\", \"k\", \"v\")",
        "com.aliyun.oss.OSS | client.putObject(\"avatars\", \"k\", null)",
        "com.aliyuncs.DefaultAcsClient | client.getAcsResponse(null)",
        "com.qiniu.storage.UploadManager | client.put(image, \"k\", \"token\")",
        "io.minio.MinioClient | client.putObject(null)",
        "com.qcloud.cos.COSClient | client.putObject(\"avatars\", \"k\", \"v\")",
      })
  void aCloudCallInATransactionIsRemote(String clientType, String call) throws Exception {
    List<String> found = tx008Lines(clientType, call, "@Transactional");
    assertThat(found).hasSize(1);
    assertThat(found.get(0)).startsWith("11: ");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "software.amazon.awssdk.services.s3.S3Client | client.putObject(null, null)",
        "com.aliyuncs.DefaultAcsClient | client.getAcsResponse(null)",
      })
  void withoutATransactionNothingWaits(String clientType, String call) throws Exception {
    assertThat(tx008Lines(clientType, call, "")).isEmpty();
  }
}
