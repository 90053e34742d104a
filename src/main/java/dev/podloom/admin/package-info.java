/**
 * The operators' API under {@code /admin/v1}: accounts, API keys and credit grants. It exists only
 * when {@code PODLOOM_ADMIN_TOKEN} is set, and every call must present that token as a bearer token.
 */
package dev.podloom.admin;
