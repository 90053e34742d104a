/**
 * HTTP plumbing shared by every endpoint: the response envelope, error codes and their one
 * mapping to HTTP statuses, request ids.
 */
package dev.podloom.web;
