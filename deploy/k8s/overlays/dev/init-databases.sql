-- one database per service (orderpay_user is created by POSTGRES_DB)
CREATE DATABASE orderpay_product;
CREATE DATABASE orderpay_inventory;
CREATE DATABASE orderpay_order;
CREATE DATABASE orderpay_payment;
CREATE DATABASE orderpay_notification;
