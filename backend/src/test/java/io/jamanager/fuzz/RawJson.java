package io.jamanager.fuzz;

/** A JSON fragment written as it is: numbers no Java type holds, such as 1e400. */
record RawJson(String text) {
}
