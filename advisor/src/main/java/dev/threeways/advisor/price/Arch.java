package dev.threeways.advisor.price;

/** The processor architecture a function or task runs on: Lambda and Fargate price them apart. */
public enum Arch {
    X86_64("x86"),
    ARM64("arm");

    private final String key;

    Arch(String key) {
        this.key = key;
    }

    /** The suffix of this architecture's keys in the price book. */
    public String key() {
        return key;
    }

    public static Arch of(String name) {
        return switch (name == null ? "" : name.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "x86", "x86_64", "x86-64", "amd64" -> X86_64;
            case "arm", "arm64", "aarch64", "graviton" -> ARM64;
            default -> throw new IllegalArgumentException("unknown architecture: " + name + " (x86_64 or arm64)");
        };
    }
}
