"""Re-run the vote checks whenever a vote or one of its country rows is edited (e.g. in admin)."""

from typing import Any

from django.db.models.signals import m2m_changed, post_delete, post_save

from vigie.un.checks import check_vote
from vigie.un.models import CountryVote, Session, Vote


def _recheck_record(sender: Any, instance: CountryVote, **kwargs: Any) -> None:
    if Vote.objects.filter(pk=instance.vote_id).exists():
        check_vote(instance.vote)


def _recheck_vote(sender: Any, instance: Vote, **kwargs: Any) -> None:
    check_vote(instance)


def _recheck_session(sender: Any, instance: Session, **kwargs: Any) -> None:
    for vote in instance.votes.all():
        check_vote(vote)


def _recheck_membership(sender: Any, instance: Any, action: str, **kwargs: Any) -> None:
    if action in ("post_add", "post_remove", "post_clear") and isinstance(instance, Session):
        _recheck_session(sender, instance)


def connect() -> None:
    post_save.connect(_recheck_record, sender=CountryVote, dispatch_uid="un_record_saved")
    post_delete.connect(_recheck_record, sender=CountryVote, dispatch_uid="un_record_deleted")
    post_save.connect(_recheck_vote, sender=Vote, dispatch_uid="un_vote_saved")
    post_save.connect(_recheck_session, sender=Session, dispatch_uid="un_session_saved")
    m2m_changed.connect(
        _recheck_membership, sender=Session.members.through, dispatch_uid="un_members_changed"
    )
