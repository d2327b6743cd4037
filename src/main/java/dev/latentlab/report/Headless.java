package dev.latentlab.report;

/** Puts Java AWT in headless mode before anything renders (servers and CI have no display). */
final class Headless {
    private Headless() {
    }

    /** Sets {@code java.awt.headless=true} unless the user chose otherwise; effective before AWT starts. */
    static void ensure() {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }
}
