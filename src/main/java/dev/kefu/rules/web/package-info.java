/**
 * {@code /api/apps/{appId}/rules} and {@code /api/apps/{appId}/decisions}: the rules REST
 * API, its import and export, the version history, and the decisions stored with
 * messages; and the console's rule screens. The screens say a refusal in the operator's
 * words and language: {@code RuleForms.reason} turns the rules module's reasons into
 * {@code rules.reason.*} messages, {@code RegexMistakes} a regular expression's mistake
 * and where it is, {@code ImportMistakes} an import's, naming the legacy key or the
 * export's rule and the line of a JSON mistake.
 */
package dev.kefu.rules.web;
