package dev.zeroclaw.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zeroclaw.api.OAuthSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The device authorization grant (RFC 8628) against {@link AuthorizationServerFixture}: a registered device client,
 * polling while the approval is pending, {@code slow_down} lengthening the interval, a refusal, an expired code, and
 * a server that offers no device authorization. The pause between polls only records its length.
 */
class DeviceFlowTest extends LoopbackAuthorizationTest {

    private final List<Duration> pauses = new ArrayList<>();
    private int approveAt;
    private DeviceAuthorization approving;

    @Test
    void pendingPollsWaitTheIntervalUntilThePersonApprovesThenTheTokensAreKept() throws Exception {
        fixture.offerDeviceAuthorization();
        ServerAuthorization authorization = authorization();
        DeviceAuthorization device = authorization.startDeviceLogin(flow());
        approveAtPoll(3, device);

        StoredAuthorization stored = authorization.completeDeviceLogin(flow(), device);

        assertThat(pauses).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1));
        assertThat(device.verificationUri().toString()).isEqualTo(fixture.issuer() + "/activate");
        assertThat(device.verificationUriComplete()).hasValueSatisfying(uri -> assertThat(uri.toString()).endsWith(device.userCode()));
        assertThat(store.load("remote")).hasSize(1);
        assertThat(stored.tokens().refreshToken()).isPresent();
        assertThat(device.toString()).doesNotContain(device.deviceCode());
    }

    @Test
    void slowDownAddsFiveSecondsToEveryLaterPoll() throws Exception {
        fixture.offerDeviceAuthorization();
        fixture.slowDown(1);
        ServerAuthorization authorization = authorization();
        DeviceAuthorization device = authorization.startDeviceLogin(flow());
        approveAtPoll(3, device);

        authorization.completeDeviceLogin(flow(), device);

        assertThat(pauses).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(6), Duration.ofSeconds(6));
    }

    @Test
    void aRefusalEndsThePollingWithAMessage() throws Exception {
        fixture.offerDeviceAuthorization();
        ServerAuthorization authorization = authorization();
        DeviceAuthorization device = authorization.startDeviceLogin(flow());
        fixture.denyDevice(device.userCode());

        assertThatThrownBy(() -> authorization.completeDeviceLogin(flow(), device)).isInstanceOf(OAuthException.class)
                .hasMessage("the login was refused at " + fixture.issuer() + " (access_denied); run the login again to retry");
        assertThat(store.load("remote")).isEmpty();
    }

    @Test
    void anExpiredCodeEndsThePollingWithAMessage() throws Exception {
        fixture.offerDeviceAuthorization();
        ServerAuthorization authorization = authorization();
        DeviceAuthorization device = authorization.startDeviceLogin(flow());
        fixture.expireDevice(device.userCode());

        assertThatThrownBy(() -> authorization.completeDeviceLogin(flow(), device)).isInstanceOf(OAuthException.class)
                .hasMessage("the user code " + device.userCode() + " expired before it was approved; run the login again for a new one");
    }

    @Test
    void aServerWithoutDeviceAuthorizationIsRefusedBeforeAnyRegistration() {
        assertThatThrownBy(() -> authorization().startDeviceLogin(flow())).isInstanceOf(OAuthException.class)
                .hasMessage("authorization server " + fixture.issuer() + " offers no device authorization"
                        + " (no device_authorization_endpoint in its metadata); log in without --device");
    }

    private ServerAuthorization authorization() {
        return new ServerAuthorization("remote", fixture.mcpUrl(), OAuthSettings.NONE, store, Clock.systemUTC());
    }

    private DeviceFlow flow() {
        return new DeviceFlow(Clock.systemUTC(), duration -> {
            pauses.add(duration);
            if (approving != null && pauses.size() == approveAt) {
                fixture.approveDevice(approving.userCode());
            }
        });
    }

    /** The person approves during the pause before this poll. */
    private void approveAtPoll(int poll, DeviceAuthorization device) {
        approveAt = poll;
        approving = device;
    }
}
