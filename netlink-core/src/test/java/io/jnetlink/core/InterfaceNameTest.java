package io.jnetlink.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The kernel's {@code dev_valid_name}, counted in bytes. */
class InterfaceNameTest {

    @Test
    void fifteenBytesAreTheLimitCountedInUtf8NotInCharacters() {
        assertThat(InterfaceName.problem("123456789012345")).isNull();
        assertThat(InterfaceName.problem("1234567890123456")).isEqualTo(InterfaceName.Problem.TOO_LONG);
        assertThat(InterfaceName.problem("äääääää")).as("7 characters, 14 bytes").isNull();
        assertThat(InterfaceName.problem("ääääääää")).as("8 characters, 16 bytes").isEqualTo(InterfaceName.Problem.TOO_LONG);
        assertThat(InterfaceName.problem("eth\uD83D\uDE00abcdefgh")).as("12 characters, 15 bytes").isNull();
    }

    @Test
    void emptyReservedAndForbiddenCharactersAreRefused() {
        assertThat(InterfaceName.problem("")).isEqualTo(InterfaceName.Problem.EMPTY);
        assertThat(InterfaceName.problem(null)).isEqualTo(InterfaceName.Problem.EMPTY);
        assertThat(InterfaceName.problem(".")).isEqualTo(InterfaceName.Problem.RESERVED);
        assertThat(InterfaceName.problem("..")).isEqualTo(InterfaceName.Problem.RESERVED);
        assertThat(InterfaceName.problem("...")).isNull();
        for (String bad : new String[] {"a/b", "a:b", "a\u0000b", "a b", "a\tb", "a\nb", "a\u00a0b", "àb"}) {
            assertThat(InterfaceName.problem(bad)).as(bad).isEqualTo(InterfaceName.Problem.FORBIDDEN_CHARACTER);
        }
        // bytes the kernel's isspace does not count: taken, as the kernel takes them
        for (String good : new String[] {"a\u001cb", "a\u2003b", "ä"}) {
            assertThat(InterfaceName.problem(good)).as(good).isNull();
        }
    }

    @Test
    void requireValidNamesTheFieldAndTheReason() {
        assertThat(InterfaceName.requireValid("link name", "eth0")).isEqualTo("eth0");
        assertThatThrownBy(() -> InterfaceName.requireValid("link name", "ääääääää"))
                .hasMessage("link name: interface name \"ääääääää\" is 16 bytes; the limit is 15");
    }
}
