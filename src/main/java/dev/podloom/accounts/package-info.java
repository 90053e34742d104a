/** Accounts: who pays. A name, a subscription tier and a balance kept by the credits ledger. */
package dev.podloom.accounts;
