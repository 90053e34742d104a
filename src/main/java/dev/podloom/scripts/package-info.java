/**
 * Scripts without audio ({@code POST /v1/scripts}, ZenMic's shape): read the dialogue, edit it,
 * then pay for speech with {@code POST /v1/podcasts} and {@code dialogue}. Priced by the script rule.
 */
package dev.podloom.scripts;
