/**
 * Emergency resources (应急资源保障): the supplies catalogue after GB/T 38565-2020, warehouses at the four
 * levels 市-区县-乡镇-村 with their owners (government, enterprise agreement reserves, production-capacity
 * reserves), and the stock ledger — stock is never edited, every change is a movement (receipt, issue,
 * transfer, stocktake, write-off), balances per batch are what the movements leave and never go below zero.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared", "access", "audit", "enterprise", "region", "identity", "notification", "jobs" })
@org.jspecify.annotations.NullMarked
package io.yingji.resource;
