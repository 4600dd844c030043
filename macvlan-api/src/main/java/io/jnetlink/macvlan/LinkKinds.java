package io.jnetlink.macvlan;

import io.jnetlink.core.codec.AttributeCursor;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The link kinds this library models: a new kind is a file of its own plus an entry here. */
final class LinkKinds {

    private static final List<KindCodec<?, ?>> ALL = List.of(Macvlan.CODEC, Macvtap.CODEC, Veth.CODEC, Bridge.CODEC,
            Vxlan.CODEC);

    private static final Map<Class<?>, KindCodec<?, ?>> BY_SPEC = new HashMap<>();
    private static final Map<String, KindCodec<?, ?>> BY_KIND = new HashMap<>();

    static {
        for (KindCodec<?, ?> codec : ALL) {
            BY_SPEC.put(codec.specType(), codec);
            BY_KIND.put(codec.kind(), codec);
        }
    }

    private LinkKinds() {
    }

    /** The codec writing {@code spec}. */
    @SuppressWarnings("unchecked")
    static <S extends LinkSpec> KindCodec<S, ?> of(S spec) {
        return (KindCodec<S, ?>) BY_SPEC.get(spec.getClass());
    }

    /** Reads the info of a link of {@code kind}; {@link LinkInfo.Other} for kinds not modelled. */
    static LinkInfo read(String kind, AttributeCursor data) {
        KindCodec<?, ?> codec = kind == null ? null : BY_KIND.get(kind);
        return codec == null ? new LinkInfo.Other(kind) : codec.readData(data);
    }

    /** The kind-specific differences between {@code spec} and what {@code link} reports. */
    static <S extends LinkSpec> void compare(S spec, Link link, List<String> differences) {
        compareTyped(of(spec), spec, link.info(), differences);
    }

    private static <S extends LinkSpec, I extends LinkInfo> void compareTyped(KindCodec<S, I> codec, S spec,
                                                                            LinkInfo info, List<String> differences) {
        @SuppressWarnings("unchecked")
        I typed = (I) info;
        codec.compare(spec, typed, differences);
    }
}
