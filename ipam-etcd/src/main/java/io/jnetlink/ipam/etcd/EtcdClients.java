package io.jnetlink.ipam.etcd;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.ClientBuilder;

import javax.net.ssl.SSLException;
import java.nio.charset.StandardCharsets;

/** Builds a jetcd {@link Client} from {@link EtcdSettings}. */
final class EtcdClients {

    private EtcdClients() {
    }

    static Client connect(EtcdSettings settings) {
        ClientBuilder builder = Client.builder()
                .endpoints(settings.endpoints().toArray(String[]::new))
                .connectTimeout(settings.timeout());
        if (settings.user() != null) {
            builder.user(ByteSequence.from(settings.user(), StandardCharsets.UTF_8))
                    .password(ByteSequence.from(settings.password(), StandardCharsets.UTF_8));
        }
        EtcdSettings.Tls tls = settings.tls();
        if (tls != null) {
            try {
                builder.sslContext(ssl -> {
                    ssl.trustManager(tls.ca().toFile());
                    if (tls.cert() != null) {
                        ssl.keyManager(tls.cert().toFile(), tls.key().toFile());
                    }
                });
            } catch (SSLException e) {
                throw new IllegalArgumentException("etcd.tls: " + e.getMessage(), e);
            }
        }
        return builder.build();
    }
}
