/**
 * Background work on db-scheduler: persistent, cluster-safe tasks in the application's own
 * database. Any node picks up due work; an execution whose node stops heartbeating is revived
 * on another node (dead-execution detection), so no job is lost with the node that ran it.
 */
package dev.podloom.jobs;
