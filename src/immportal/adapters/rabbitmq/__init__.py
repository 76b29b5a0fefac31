"""RabbitMQ: the message bus behind the integration port, through aio-pika."""

from immportal.adapters.rabbitmq.bus import RabbitMqBus

__all__ = ["RabbitMqBus"]
