"""Today's session, adapted to how the lifter feels (``service.today``, ``service.adjust_today``)."""
