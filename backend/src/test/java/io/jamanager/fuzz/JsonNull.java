package io.jamanager.fuzz;

/** JSON null as a generated value (jqwik generators do not produce Java null inside collections). */
enum JsonNull {
  NULL
}
