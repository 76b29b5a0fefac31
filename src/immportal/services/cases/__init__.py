"""Case use cases: filing, adjudication, inquiries, estimates, representatives."""
