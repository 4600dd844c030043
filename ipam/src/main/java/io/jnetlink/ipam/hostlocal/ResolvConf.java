package io.jnetlink.ipam.hostlocal;

import io.jnetlink.ipam.Dns;
import io.jnetlink.ipam.IpamException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads {@code nameserver}, {@code domain}, {@code search} and {@code options} lines of a resolv.conf. */
final class ResolvConf {

    private ResolvConf() {
    }

    static Dns read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new IpamException("reading resolvConf " + file + ": " + e, e);
        }
        List<String> nameservers = new ArrayList<>();
        List<String> search = new ArrayList<>();
        List<String> options = new ArrayList<>();
        String domain = null;
        for (String line : lines) {
            String[] words = line.strip().split("\\s+");
            if (words.length < 2 || words[0].startsWith("#") || words[0].startsWith(";")) {
                continue;
            }
            List<String> values = Arrays.asList(words).subList(1, words.length);
            switch (words[0]) {
                case "nameserver" -> nameservers.add(words[1]);
                case "domain" -> domain = words[1];
                case "search" -> search.addAll(values);
                case "options" -> options.addAll(values);
                default -> { }
            }
        }
        try {
            return new Dns(nameservers, domain, search, options);
        } catch (IllegalArgumentException e) {
            throw new IpamException("reading resolvConf " + file + ": " + e.getMessage(), e);
        }
    }
}
