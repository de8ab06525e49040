package dev.selfhostguide.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SecretMaskTest {

    @Test
    void aValueShowsItsEndsAndLengthOnly() {
        assertEquals("Sup3…xyz (20 chars)", SecretMask.mask("Sup3rS3cretValue0xyz"));
        assertEquals("… (8 chars)", SecretMask.mask("abcdefgh"));
    }

    @Test
    void secretsOfEnvYamlAndUrlsAreMaskedReferencesAndWordsAreNot() {
        SecretMask mask = SecretMask.of(List.of(
            "CLICKHOUSE_PASSWORD=Ch-pass-0123456\nCLICKHOUSE_HOST=clickhouse\nJWT_SECRET=${JWT_SECRET_KEY}\nPOSTGRES_PASSWORD=postgres\n",
            "general_settings:\n  master_key: sk-master-98765\n  database_url: postgresql://u:Db-Pw-5555aa@db:5432/x\n"));
        assertEquals("a Ch-p…456 (15 chars), clickhouse, ${JWT_SECRET_KEY}, postgres, sk-m…765 (15 chars), Db-P…5aa (12 chars)",
            mask.apply("a Ch-pass-0123456, clickhouse, ${JWT_SECRET_KEY}, postgres, sk-master-98765, Db-Pw-5555aa"));
    }
}
