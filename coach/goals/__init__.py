"""Long-term goals, their check-ins, and macro cycles that chain programs toward them.

``service.set_goal`` / ``check_in`` / ``goal_progress`` keep goals; ``propose_next_program``
suggests the next program of the macro cycle from the logged progress and
``start_next_program`` stores it.
"""
